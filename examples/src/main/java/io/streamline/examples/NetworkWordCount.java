package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Spark's {@code JavaNetworkWordCount} in the DStream API, line for line: 1 s batches, the words of each batch
 * counted and printed. Start the publisher in one console and this in a second one:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh NetworkWordCount localhost 9998 [--seconds 300]
 * </pre>
 *
 * Every second the console shows {@code Time: ... ms} and the batch's first ten {@code (word,count)} pairs. Stops by
 * itself after {@code --seconds} (default 300), or on Ctrl-C.
 */
public final class NetworkWordCount {
    private static final Pattern SPACE = Pattern.compile(" ");

    private NetworkWordCount() {
    }

    public static void main(String[] args) throws Exception {
        DStreamSocketExample.Args a = DStreamSocketExample.parse(NetworkWordCount.class, args, false);
        Examples.announce(NetworkWordCount.class);
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));

            // As in Spark: lines from the socket, split into words, counted per batch, printed.
            var lines = ssc.socketTextStream(a.host(), a.port());
            var words = lines.flatMap(x -> Arrays.asList(SPACE.split(x)).iterator());
            PairDStream<String, Integer> wordCounts = words.mapToPair(s -> new Tuple2<>(s, 1)).reduceByKey(Integer::sum);
            wordCounts.print();

            DStreamSocketExample.runFor(ssc, NetworkWordCount.class, a.seconds());
        }
    }
}
