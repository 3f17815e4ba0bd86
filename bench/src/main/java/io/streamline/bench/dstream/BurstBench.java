package io.streamline.bench.dstream;

import io.streamline.engine.StreamEngine;
import io.streamline.operators.dstream.Backpressure;
import io.streamline.operators.dstream.BatchInfo;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a burst does to a DStream's batches on the wall clock, with no limit, with {@code maxRatePerPartition} and
 * with backpressure: a running word count ({@code reduceByKey} then {@code updateStateByKey} over {@code --keys}
 * keys, checkpointed) in 1 s batches, fed {@code --rate} records a second in 100 ms chunks through a queue stream,
 * and {@code --burst} records at once {@code --burst-at} seconds in. For each batch: its records, its processing time
 * (start to commit) and its total delay (batch time to the listener hearing of the commit). Without a limit the batch
 * after the burst takes all of it, so its processing time grows with the burst; with a limit or backpressure it stays
 * near one batch's worth and the backlog is worked off over the following batches.
 *
 * <pre>bench/run.sh --dstream-burst [--bursts 500000,2000000] [--rate 20000] [--keys 10000] [--max-rate 100000]
 *     [--seconds 30] [--burst-at 5] [--timeline]</pre>
 */
public final class BurstBench {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String USAGE = "usage: bench/run.sh --dstream-burst [--bursts 500000,2000000] [--rate 20000] [--keys 10000] "
            + "[--max-rate 100000] [--seconds 30] [--burst-at 5] [--timeline]";

    private BurstBench() {
    }

    /** How the context limits what a batch reads. */
    enum Limit {
        NONE("no limit"), MAX_RATE("maxRatePerPartition"), BACKPRESSURE("backpressure");

        final String label;

        Limit(String label) {
            this.label = label;
        }
    }

    /** One completed batch as the bench saw it. */
    record Batch(long timeMillis, long records, long processingMillis, long totalDelayMillis) {
    }

    /** A run's batches, in time order, and when the burst was queued (epoch ms). */
    record Run(List<Batch> batches, long burstMillis) {
    }

    /** The settings of a run. */
    record Settings(int rate, int keys, long maxRate, int seconds, int burstAt, boolean timeline) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> bursts = List.of(500_000, 2_000_000);
        int rate = 20_000;
        int keys = 10_000;
        long maxRate = 100_000;
        int seconds = 30;
        int burstAt = 5;
        boolean timeline = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--bursts" -> bursts = Stream.of(value.split(",")).map(Integer::parseInt).toList();
                case "--rate" -> rate = Integer.parseInt(value);
                case "--keys" -> keys = Integer.parseInt(value);
                case "--max-rate" -> maxRate = Long.parseLong(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--burst-at" -> burstAt = Integer.parseInt(value);
                case "--timeline" -> {
                    timeline = true;
                    continue;
                }
                default -> {
                    System.err.println(USAGE);
                    System.exit(args[i].equals("--help") ? 0 : 2);
                }
            }
            i++;
        }
        Settings settings = new Settings(rate, keys, maxRate, seconds, burstAt, timeline);
        System.out.printf("DStream burst: %d records/s in 1 s batches over %d keys, a burst %d s in, maxRatePerPartition %d; "
                + "load average at start %s%n", rate, keys, burstAt, maxRate, BenchHost.loadAverage());
        List<String> rows = new ArrayList<>();
        for (int burst : bursts) {
            for (Limit limit : Limit.values()) {
                String row = summary(limit, burst, run(limit, burst, settings));
                rows.add(row);
                System.out.println(row + " (load average " + BenchHost.loadAverage() + ")");
            }
        }
        System.out.println();
        System.out.println("| burst | limit | largest batch (records) | processing p50 / max (ms) | total delay max (ms) | delay under 1 s again |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String summary(Limit limit, int burst, Run run) {
        List<Batch> batches = run.batches();
        long burstTime = run.burstMillis();
        long largest = batches.stream().mapToLong(Batch::records).max().orElse(0);
        List<Long> processing = batches.stream().map(Batch::processingMillis).sorted().toList();
        long p50 = processing.isEmpty() ? 0 : processing.get(processing.size() / 2);
        long maxProcessing = processing.isEmpty() ? 0 : processing.get(processing.size() - 1);
        long maxDelay = batches.stream().mapToLong(Batch::totalDelayMillis).max().orElse(0);
        // The batch from which on the delay stayed under a batch interval, in seconds after the burst.
        String recovered = "not by the end";
        for (int i = batches.size() - 1; i >= 0 && batches.get(i).totalDelayMillis() < 1000; i--) {
            long after = batches.get(i).timeMillis() - burstTime;
            recovered = after <= 1000 ? "never over" : String.format("%.0f s after the burst", after / 1000.0);
        }
        return String.format("| %,d | %s | %,d | %,d / %,d | %,d | %s |", burst, limit.label, largest, p50, maxProcessing, maxDelay, recovered);
    }

    private static Run run(Limit limit, int burst, Settings settings) throws Exception {
        Path checkpoint = Files.createTempDirectory("dstream-burst-bench-");
        List<Batch> batches = new CopyOnWriteArrayList<>();
        Long[] pool = new Long[settings.keys()];
        for (int k = 0; k < pool.length; k++) {
            pool[k] = (long) k;
        }
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        AtomicLong burstMillis = new AtomicLong();
        try (StreamEngine engine = StreamEngine.create()) {
            StreamingContext ssc = new StreamingContext(engine, SECOND);
            ssc.checkpoint(checkpoint.toString());
            switch (limit) {
                case MAX_RATE -> ssc.maxRatePerPartition(settings.maxRate());
                case BACKPRESSURE -> ssc.backpressure(Backpressure.enabled());
                case NONE -> { }
            }
            Queue<List<Long>> queue = new ConcurrentLinkedQueue<>();
            ssc.queueStream(queue, false)
                    .mapToPair(key -> new Tuple2<>(key, 1L)).reduceByKey(Long::sum)
                    .updateStateByKey((List<Long> counts, Optional<Long> total) -> Optional.of(total.orElse(0L)
                            + counts.stream().mapToLong(Long::longValue).sum()))
                    .count().foreachRDD(rdd -> { });
            ssc.addStreamingListener((BatchInfo info) -> batches.add(new Batch(info.batchTime().milliseconds(), info.numRecords(),
                    info.processingDelayMs(), System.currentTimeMillis() - info.batchTime().milliseconds())));
            ssc.start();
            int chunk = settings.rate() / 10;
            int[] next = {0};
            feeder.scheduleAtFixedRate(() -> queue.add(records(pool, next, chunk)), 0, 100, TimeUnit.MILLISECONDS);
            feeder.schedule(() -> {
                List<Long> records = records(pool, new int[]{0}, burst);
                burstMillis.set(System.currentTimeMillis());
                queue.add(records);
            }, settings.burstAt(), TimeUnit.SECONDS);
            ssc.awaitTerminationOrTimeout(settings.seconds() * 1000L);
            feeder.shutdownNow();
            ssc.stop();
        } finally {
            feeder.shutdownNow();
            BenchHost.deleteRecursively(checkpoint);
        }
        List<Batch> sorted = new ArrayList<>(batches);
        sorted.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        if (settings.timeline()) {
            long first = sorted.isEmpty() ? 0 : sorted.get(0).timeMillis();
            System.out.println("  " + limit.label + ", burst " + burst + ": t (s), records, processing (ms), total delay (ms)");
            sorted.forEach(b -> System.out.printf("  %3d %,10d %,7d %,7d%n", (b.timeMillis() - first) / 1000, b.records(),
                    b.processingMillis(), b.totalDelayMillis()));
        }
        return new Run(Collections.unmodifiableList(sorted), burstMillis.get());
    }

    /** {@code n} keys taken round robin from the pool, starting where {@code next[0]} says. */
    private static List<Long> records(Long[] pool, int[] next, int n) {
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pool[next[0]]);
            next[0] = (next[0] + 1) % pool.length;
        }
        return out;
    }
}
