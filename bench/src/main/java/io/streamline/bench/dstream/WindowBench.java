package io.streamline.bench.dstream;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.clock.ManualClock;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Per-batch processing time of a DStream {@code reduceByKeyAndWindow} with and without the inverse function, for
 * growing windows (1 s batches, 1 s slide): each batch gets {@code --rate} records over {@code --keys} keys, the
 * batches are driven by a {@link ManualClock} as fast as they complete, and the processing time (start to commit,
 * checkpoint included) of the {@code --measured} batches after the window filled is reported, after an unreported
 * warm-up run of the first window in both variants. With the inverse the
 * work per slide follows the batches entering and leaving the window; without it, the whole window is reduced again.
 *
 * <pre>bench/run.sh --dstream-window [--windows 10,60,300] [--keys 10000] [--rate 100000] [--measured 20]</pre>
 */
public final class WindowBench {
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** Distinct input batches, reused round robin, so generating input costs nothing while measuring. */
    private static final int INPUT_BATCHES = 8;

    private WindowBench() {
    }

    /** Processing times (ms) of the measured batches of one configuration. */
    record Result(int windowSeconds, boolean inverse, List<Long> millis) {
        long percentile(double p) {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> windows = List.of(10, 60, 300);
        int keys = 10_000;
        int rate = 100_000;
        int measured = 20;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--windows" -> windows = Stream.of(value.split(",")).map(Integer::parseInt).toList();
                case "--keys" -> keys = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--measured" -> measured = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: bench/run.sh --dstream-window [--windows 10,60,300] [--keys 10000] [--rate 100000] [--measured 20]");
                    System.exit(args[i].equals("--help") ? 0 : 2);
                }
            }
        }
        List<List<Long>> input = input(rate, keys);
        System.out.printf("DStream reduceByKeyAndWindow: %d records per 1 s batch over %d keys, slide 1 s; load average at start %s%n",
                rate, keys, BenchHost.loadAverage());
        // Warm-up, not reported: the JIT compiles the batch path before the first measured configuration.
        run(windows.get(0), true, input, measured);
        run(windows.get(0), false, input, measured);
        List<Result> results = new ArrayList<>();
        for (int window : windows) {
            for (boolean inverse : List.of(true, false)) {
                Result r = run(window, inverse, input, measured);
                results.add(r);
                System.out.printf("window %3d s, %-10s p50 %5d ms  p99 %5d ms  max %5d ms  (load average %s)%n", window,
                        inverse ? "inverse" : "recomputed", r.percentile(50), r.percentile(99), r.percentile(100), BenchHost.loadAverage());
            }
        }
        System.out.println();
        System.out.println("| window | with inverse p50 / p99 (ms) | recomputed p50 / p99 (ms) |");
        System.out.println("|---|---|---|");
        for (int window : windows) {
            Result with = results.stream().filter(r -> r.windowSeconds() == window && r.inverse()).findFirst().orElseThrow();
            Result without = results.stream().filter(r -> r.windowSeconds() == window && !r.inverse()).findFirst().orElseThrow();
            System.out.printf("| %d s | %d / %d | %d / %d |%n", window, with.percentile(50), with.percentile(99),
                    without.percentile(50), without.percentile(99));
        }
    }

    private static List<List<Long>> input(int rate, int keys) {
        Random random = new Random(42);
        Long[] pool = new Long[keys];
        for (int k = 0; k < keys; k++) {
            pool[k] = (long) k;
        }
        List<List<Long>> batches = new ArrayList<>();
        for (int b = 0; b < INPUT_BATCHES; b++) {
            List<Long> batch = new ArrayList<>(rate);
            for (int i = 0; i < rate; i++) {
                batch.add(pool[random.nextInt(keys)]);
            }
            batches.add(List.copyOf(batch));
        }
        return batches;
    }

    private static Result run(int windowSeconds, boolean inverse, List<List<Long>> input, int measured) throws Exception {
        Path checkpoint = Files.createTempDirectory("dstream-window-bench-");
        Map<Long, Long> processing = new ConcurrentHashMap<>();
        try (StreamEngine engine = StreamEngine.create()) {
            ManualClock clock = new ManualClock();
            StreamingContext ssc = new StreamingContext(engine, SECOND, clock);
            ssc.checkpoint(checkpoint.toString());
            Queue<List<Long>> queue = new ConcurrentLinkedQueue<>();
            PairDStream<Long, Long> ones = ssc.queueStream(queue).mapToPair(key -> new Tuple2<>(key, 1L));
            Duration window = Duration.ofSeconds(windowSeconds);
            PairDStream<Long, Long> counts = inverse
                    ? ones.reduceByKeyAndWindow(Long::sum, (a, b) -> a - b, window, SECOND)
                    : ones.reduceByKeyAndWindow(Long::sum, window, SECOND);
            counts.count().foreachRDD(rdd -> { }); // an output, so the window is computed; nothing to print
            ssc.addStreamingListener(info -> processing.put(info.batchTime().milliseconds(), info.processingDelayMs()));
            ssc.start();
            int batches = windowSeconds + measured;
            for (int b = 0; b < batches; b++) {
                queue.add(input.get(b % input.size()));
                ssc.advanceBatches(1);
            }
            ssc.stop();
            long firstMeasured = (long) (windowSeconds + 1) * 1000;
            while (processing.size() < batches) {
                Thread.onSpinWait(); // the listener hears of the last commit just after advanceBatches returned
            }
            List<Long> millis = processing.entrySet().stream().filter(e -> e.getKey() >= firstMeasured)
                    .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
            return new Result(windowSeconds, inverse, millis);
        } finally {
            BenchHost.deleteRecursively(checkpoint);
        }
    }
}
