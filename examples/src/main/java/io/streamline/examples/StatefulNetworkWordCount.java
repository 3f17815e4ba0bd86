package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The stateful DStream word counts of the Spark Streaming guide over a socket, recoverable through
 * {@code StreamingContext.getOrCreate}: words of a static blacklist dropped with {@code transform}, running totals with
 * {@code updateStateByKey}, and the counts of the last 10 s every 2 s with an incremental
 * {@code reduceByKeyAndWindow}. Start the publisher first:
 *
 * <pre>
 * console 1: examples/run.sh PublishData --port 9998 --rate 20
 * console 2: examples/run.sh StatefulNetworkWordCount localhost 9998 /tmp/dstream-checkpoint [--seconds 300]
 * </pre>
 *
 * Stop it with Ctrl-C or kill -9 and start it again with the same directory: the totals and windows continue from the
 * last committed batch, lines received but not committed are replayed from the socket source's write-ahead log, and
 * the batches missed while it was down run at once. Stops by itself after {@code --seconds} (default 300).
 */
public final class StatefulNetworkWordCount {
    private static final String USAGE = "usage: examples/run.sh StatefulNetworkWordCount <host> <port> <checkpointDir> [--seconds S]";
    /** Words not worth counting, as in the guide's transform example joining each batch with a static data set. */
    private static final Set<String> BLACKLIST = Set.of("a", "an", "the", "of", "and", "to");

    private StatefulNetworkWordCount() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && !(args.length == 5 && args[3].equals("--seconds"))) {
            System.err.println(USAGE);
            System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
        }
        long seconds = args.length == 5 ? Long.parseLong(args[4]) : 300;
        Examples.announce(StatefulNetworkWordCount.class);
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = StreamingContext.getOrCreate(args[2], () -> create(engine, args[0], Integer.parseInt(args[1])));
            System.out.println(ssc.recoveredFromCheckpoint() ? "resuming from the checkpoint in " + args[2] : "new checkpoint in " + args[2]);
            ssc.start();
            Runtime.getRuntime().addShutdownHook(new Thread(ssc::stop, "stateful-word-count-stop"));
            if (!ssc.awaitTerminationOrTimeout(seconds * 1000)) {
                System.out.println("StatefulNetworkWordCount: stopping after " + seconds + " s (--seconds)");
                ssc.stop();
            }
        }
    }

    /** The creating function: the whole graph, built the same way on every start. */
    private static StreamingContext create(StreamEngine engine, String host, int port) {
        StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));
        PairDStream<String, Integer> ones = ssc.socketTextStream(host, port)
                .flatMap(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")).iterator())
                .transform(words -> words.stream().filter(w -> !w.isEmpty() && !BLACKLIST.contains(w)).toList())
                .mapToPair(word -> new Tuple2<>(word, 1));

        PairDStream<String, Integer> totals = ones.updateStateByKey(
                (List<Integer> values, Optional<Integer> total) -> Optional.of(total.orElse(0) + values.size()));
        totals.transformToPair(batch -> batch.stream()
                        .sorted((x, y) -> Integer.compare(y._2(), x._2())).toList())
                .print(5);

        ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, Duration.ofSeconds(10), Duration.ofSeconds(2), kv -> kv._2() != 0)
                .count().foreachRDD((count, time) -> System.out.println("distinct words in the 10 s up to " + time + ": " + count.get(0)));
        return ssc;
    }
}
