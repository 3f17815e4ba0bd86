package io.streamline.examples;

import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Spark's structured streaming word count over a socket, continuous and fault tolerant. Start the publisher
 * in one console and this in a second one:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh SocketWordCount localhost 9998 [/tmp/wordcount-checkpoint] [--seconds 300]
 * </pre>
 *
 * Every second (one epoch) the console shows the words whose counts changed (update mode), each with its latest
 * count. With a checkpoint directory, lines go through the socket source's write-ahead log under it: stop this
 * with Ctrl-C (or kill -9) and start it again, and the counts continue from the last committed epoch, with the
 * lines received but not yet committed replayed from the log. The source's connection state (connecting,
 * connected, lost, retrying) is printed as it changes. Stops by itself after {@code --seconds} (default 300).
 */
public final class SocketWordCount {
    private static final String USAGE = "usage: examples/run.sh SocketWordCount <host> <port> [checkpointDir] [--seconds S]";

    private SocketWordCount() {
    }

    public static void main(String[] args) throws Exception {
        int positional = args.length >= 2 && args[args.length - 2].equals("--seconds") ? args.length - 2 : args.length;
        if (positional < 2 || positional > 3 || args.length > 0 && args[0].equals("--help")) {
            System.err.println(USAGE);
            System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
        }
        long seconds = positional < args.length ? Long.parseLong(args[args.length - 1]) : 300;
        Examples.announce(SocketWordCount.class);
        StreamEngine engine = StreamEngine.create();
        var writer = engine.readStream().option("host", args[0]).option("port", args[1]).socket()
                .flatMap((String line, Consumer<String> out) -> {
                    for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                        if (!word.isEmpty()) {
                            out.accept(word);
                        }
                    }
                })
                .groupByKey(word -> word).count()
                .writeStream().format("console").outputMode(OutputMode.UPDATE).trigger(Trigger.continuous("1 second"))
                .queryName("socketWordCount");
        if (positional == 3) {
            writer = writer.option("checkpointLocation", args[2]);
        }
        StreamingQuery query = writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(query::stop, "word-count-stop"));
        query.explain();
        if (!query.awaitTermination(seconds * 1000)) {
            System.out.println("SocketWordCount: stopping after " + seconds + " s (--seconds)");
            query.stop();
        }
    }
}
