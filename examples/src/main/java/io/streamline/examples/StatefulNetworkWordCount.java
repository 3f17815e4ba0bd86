package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spark's {@code JavaStatefulNetworkWordCount} with {@code updateStateByKey}: the running total of every word since
 * the start, recoverable through {@code StreamingContext.getOrCreate} as Spark's {@code RecoverableNetworkWordCount}.
 * Start the publisher first:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh StatefulNetworkWordCount localhost 9998 /tmp/dstream-checkpoint [--seconds 300]
 * </pre>
 *
 * Every second the five most frequent words so far are printed. Stop it with Ctrl-C or kill -9 and start it again with
 * the same directory: the totals continue from the last committed batch, lines received but not committed are
 * replayed from the socket source's write-ahead log, and the batches missed while it was down run at once. Stops by
 * itself after {@code --seconds} (default 300).
 */
public final class StatefulNetworkWordCount {
    private static final Pattern SPACE = Pattern.compile(" ");

    private StatefulNetworkWordCount() {
    }

    public static void main(String[] args) throws Exception {
        DStreamSocketExample.Args a = DStreamSocketExample.parse(StatefulNetworkWordCount.class, args, true);
        Examples.announce(StatefulNetworkWordCount.class);
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = StreamingContext.getOrCreate(a.checkpointDir(), () -> create(engine, a.host(), a.port()));
            System.out.println(ssc.recoveredFromCheckpoint() ? "resuming from the checkpoint in " + a.checkpointDir()
                    : "new checkpoint in " + a.checkpointDir());
            DStreamSocketExample.runFor(ssc, StatefulNetworkWordCount.class, a.seconds());
        }
    }

    /** The creating function: the whole graph, built the same way on every start. */
    private static StreamingContext create(StreamEngine engine, String host, int port) {
        StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));
        PairDStream<String, Integer> ones = ssc.socketTextStream(host, port)
                .flatMap(line -> Arrays.asList(SPACE.split(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1));

        // Called for every word with a total, with the batch's occurrences (an empty list when there are none).
        PairDStream<String, Integer> totals = ones.updateStateByKey(
                (List<Integer> values, Optional<Integer> total) -> Optional.of(total.orElse(0) + values.size()));
        totals.transformToPair(batch -> batch.stream().sorted((x, y) -> Integer.compare(y._2(), x._2())).toList())
                .print(5);
        return ssc;
    }
}
