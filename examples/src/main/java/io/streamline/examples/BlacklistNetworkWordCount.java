package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Spark guide's {@code transform} example: each batch of word counts joined with a static data set, here a
 * blacklist of words not worth counting (the guide joins with spam information). The counts of blacklisted words are
 * dropped; their inner join with the blacklist is printed apart, with the reason. Start the publisher first:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh BlacklistNetworkWordCount localhost 9998 [--seconds 300]
 * </pre>
 *
 * Every second the cleaned counts are printed under {@code Time: ... ms}, then what was dropped. Stops by itself after
 * {@code --seconds} (default 300), or on Ctrl-C.
 */
public final class BlacklistNetworkWordCount {
    private static final Pattern SPACE = Pattern.compile(" ");
    /** The static data set each batch is joined with: word to why it is not counted. */
    private static final Map<String, String> BLACKLIST = Map.of("spark", "another engine", "thread", "too common",
            "task", "too common");

    private BlacklistNetworkWordCount() {
    }

    public static void main(String[] args) throws Exception {
        DStreamSocketExample.Args a = DStreamSocketExample.parse(BlacklistNetworkWordCount.class, args, false);
        Examples.announce(BlacklistNetworkWordCount.class);
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));
            PairDStream<String, Integer> counts = ssc.socketTextStream(a.host(), a.port())
                    .flatMap(line -> Arrays.asList(SPACE.split(line)).iterator())
                    .mapToPair(word -> new Tuple2<>(word, 1)).reduceByKey(Integer::sum);

            // transform: a function of the whole batch, here joined with the blacklist.
            PairDStream<String, Integer> cleaned = counts.transformToPair(batch -> batch.stream()
                    .filter(kv -> !BLACKLIST.containsKey(kv._1())).toList());
            PairDStream<String, Tuple2<Integer, String>> dropped = counts.transformToPair(batch -> batch.stream()
                    .filter(kv -> BLACKLIST.containsKey(kv._1()))
                    .map(kv -> new Tuple2<>(kv._1(), new Tuple2<>(kv._2(), BLACKLIST.get(kv._1())))).toList());

            cleaned.print(20);
            dropped.foreachRDD((batch, time) -> System.out.println("dropped at " + time + ": " + batch));

            DStreamSocketExample.runFor(ssc, BlacklistNetworkWordCount.class, a.seconds());
        }
    }
}
