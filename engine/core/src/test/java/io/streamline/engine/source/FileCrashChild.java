package io.streamline.engine.source;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;

import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of {@link FileSourceCrashTest}: text file source -> slow map -> text file sink, until killed.
 * Arguments: input directory, checkpoint directory, output directory.
 */
public final class FileCrashChild {
    private FileCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = engine.readStream().format("text").option("path", args[0]).option("pollInterval", "10ms")
                .option("maxFilesPerTrigger", 1).option("fileOrder", "name").<String>load()
                .map(line -> {
                    LockSupport.parkNanos(100_000); // slow, so that kills land in the middle of files
                    return line;
                })
                .writeStream().format("text").option("path", args[2]).option("checkpointLocation", args[1])
                .trigger(Trigger.continuous(100)).start();
        RunUntilKilled.await(query);
    }
}
