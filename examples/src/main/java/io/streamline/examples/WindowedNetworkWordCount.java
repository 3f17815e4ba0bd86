package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Spark guide's windowed word count with {@code reduceByKeyAndWindow}: every 2 s, the words of the last 10 s,
 * computed twice, by reducing the window's batches again and incrementally with an inverse function (each slide adds
 * the batches entering and takes back those leaving, keeping the window in checkpointed state), and checked to agree.
 * Start the publisher first:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh WindowedNetworkWordCount localhost 9998 [--seconds 300]
 * </pre>
 *
 * Every 2 s the window's five most frequent words are printed, then a line saying whether both ways agree. The
 * incremental window checkpoints to a temporary directory, deleted at the end. Stops by itself after
 * {@code --seconds} (default 300), or on Ctrl-C.
 */
public final class WindowedNetworkWordCount {
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration SLIDE = Duration.ofSeconds(2);

    private WindowedNetworkWordCount() {
    }

    public static void main(String[] args) throws Exception {
        DStreamSocketExample.Args a = DStreamSocketExample.parse(WindowedNetworkWordCount.class, args, false);
        Examples.announce(WindowedNetworkWordCount.class);
        try (WorkDir checkpoint = WorkDir.of(Optional.empty(), "dstream-window-"); StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));
            ssc.checkpoint(checkpoint.path().toString());
            PairDStream<String, Integer> ones = ssc.socketTextStream(a.host(), a.port())
                    .flatMap(line -> Arrays.asList(SPACE.split(line)).iterator())
                    .mapToPair(word -> new Tuple2<>(word, 1));

            PairDStream<String, Integer> recomputed = ones.reduceByKeyAndWindow(Integer::sum, WINDOW, SLIDE);
            // Words whose count in the window falls back to 0 are dropped by the filter, as recomputing would.
            PairDStream<String, Integer> incremental = ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, WINDOW, SLIDE,
                    kv -> kv._2() != 0);

            incremental.transformToPair(batch -> batch.stream().sorted((x, y) -> Integer.compare(y._2(), x._2())).toList())
                    .print(5);
            recomputed.transformWith(incremental, (List<Tuple2<String, Integer>> x, List<Tuple2<String, Integer>> y) ->
                            List.of(x.size() + " distinct words, " + (new HashSet<>(x).equals(new HashSet<>(y))
                                    ? "incremental and recomputed counts agree" : "incremental and recomputed counts DIFFER")))
                    .foreachRDD((line, time) -> System.out.println("10 s window up to " + time + ": " + line.get(0)));

            DStreamSocketExample.runFor(ssc, WindowedNetworkWordCount.class, a.seconds());
        }
    }
}
