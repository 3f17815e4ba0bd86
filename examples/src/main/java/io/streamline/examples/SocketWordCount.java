package io.streamline.examples;

import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;

import java.util.Locale;

/**
 * Spark's structured streaming word count over a socket, continuous and fault tolerant. Start the publisher
 * in one console and this in a second one:
 *
 * <pre>
 * console 1: java ... io.streamline.examples.PublishData --port 9998 --rate 20
 * console 2: java ... io.streamline.examples.SocketWordCount localhost 9998 [/tmp/wordcount-checkpoint]
 * </pre>
 *
 * Every second (one epoch) the console shows the words whose counts changed (update mode). With a
 * checkpoint directory, lines go through the socket source's write-ahead log under it: stop this with
 * Ctrl-C (or kill -9) and start it again, and the counts continue from the last committed epoch, with the
 * lines received but not yet committed replayed from the log.
 */
public final class SocketWordCount {
    private SocketWordCount() {
    }

    /** {@code SocketWordCount <host> <port> [checkpointDir]} */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: SocketWordCount <host> <port> [checkpointDir]");
            System.exit(2);
        }
        StreamEngine engine = StreamEngine.create();
        var writer = engine.readStream().format("socket").option("host", args[0]).option("port", args[1]).<String>load()
                .flatMap((String line, java.util.function.Consumer<String> out) -> {
                    for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                        if (!word.isEmpty()) {
                            out.accept(word);
                        }
                    }
                })
                .groupByKey(word -> word).count()
                .writeStream().format("console").outputMode(OutputMode.UPDATE).trigger(Trigger.continuous("1 second"))
                .queryName("socketWordCount");
        if (args.length > 2) {
            writer = writer.option("checkpointLocation", args[2]);
        }
        StreamingQuery query = writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(query::stop, "word-count-stop"));
        query.explain();
        query.awaitTermination();
    }
}
