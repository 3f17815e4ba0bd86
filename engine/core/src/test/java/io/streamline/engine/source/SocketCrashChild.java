package io.streamline.engine.source;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;

/**
 * Child JVM of {@link SocketSourceCrashTest}: socket source on loopback -> text file sink, until killed.
 * Arguments: port, checkpoint directory, output directory.
 */
public final class SocketCrashChild {
    private SocketCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = engine.readStream().format("socket").option("host", "127.0.0.1").option("port", args[0])
                .option("reconnectDelay", "10ms").option("maxReconnectDelay", "100ms").<String>load()
                .writeStream().format("text").option("path", args[2]).option("checkpointLocation", args[1])
                .trigger(Trigger.continuous(100)).start();
        RunUntilKilled.await(query);
    }
}
