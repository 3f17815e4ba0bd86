package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.source.RateRow;
import io.streamline.tuning.console.CommandProgress;
import io.streamline.tuning.console.QueryWatch;
import io.streamline.tuning.console.Status;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code tune} command: runs a short keyed-count benchmark (rate source paced open loop, latency from
 * each row's intended send time) for every preset, ring size and thread count, prints a table of
 * p50/p99/p99.9/max and CPU use, and writes the best configuration as a profile the engine loads with
 * {@code StreamEngine.builder().apply(TunedProfile.load(file))}. "Best": among the configurations that kept
 * up with the rate, the lowest p99.9, then the least CPU.
 *
 * <p>Options: {@code --rate N} (default 100000), {@code --seconds S} measured per configuration (default 3),
 * {@code --warmup S} (default 2), {@code --out FILE} (default {@code tuned-profile.properties}).
 */
public final class AutoTuner {
    private static final int KEYS = 1000;
    private static final int[] RING_SIZES = {1024, 16_384};
    private static final int[] PARTITIONS = {1, 2};

    private final long rate;
    private final Duration warmUp;
    private final Duration measured;

    AutoTuner(long rate, Duration warmUp, Duration measured) {
        this.rate = rate;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: tuning/tune.sh [--rate N] [--seconds S] [--warmup S] [--out FILE]", "rate", "seconds", "warmup", "out");
        AutoTuner tuner = new AutoTuner(a.longValue("rate", 100_000), Duration.ofSeconds(a.longValue("warmup", 2)),
                Duration.ofSeconds(a.longValue("seconds", 3)));
        Path out = Path.of(a.string("out").orElse("tuned-profile.properties"));
        List<TuningResult> results;
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            results = tuner.runAll(candidates(), r -> progress.line(r.row()), progress::line, progress::status);
        }
        TuningResult best = tuner.best(results);
        best.candidate().profile().save(out, "written by the streamline auto-tuner at " + tuner.rate + " rec/s");
        System.out.println();
        System.out.println("Recommended: " + best.candidate() + " -> " + out.toAbsolutePath());
        System.out.println("Load it with StreamEngine.builder().apply(TunedProfile.load(Path.of(\"" + out + "\")))");
    }

    /** Every preset with every ring size and thread count. */
    static List<TuningCandidate> candidates() {
        List<TuningCandidate> all = new ArrayList<>();
        for (Preset preset : Preset.values()) {
            for (int ring : RING_SIZES) {
                for (int partitions : PARTITIONS) {
                    all.add(new TuningCandidate(preset, ring, partitions));
                }
            }
        }
        return all;
    }

    /** Measures each candidate in turn, reporting each result as it comes and where each measurement is meanwhile. */
    List<TuningResult> runAll(List<TuningCandidate> candidates, Consumer<TuningResult> onResult,
                              Consumer<String> out, Consumer<Status> status) throws InterruptedException {
        out.accept(TuningResult.header());
        List<TuningResult> results = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            TuningCandidate candidate = candidates.get(i);
            String task = "candidate " + (i + 1) + "/" + candidates.size() + " " + candidate;
            TuningResult result = measure(candidate, task, status);
            results.add(result);
            onResult.accept(result);
        }
        return results;
    }

    /** The configuration to recommend. */
    TuningResult best(List<TuningResult> results) {
        Comparator<TuningResult> byTail = Comparator.comparingDouble((TuningResult r) -> r.latency().p999Us())
                .thenComparingDouble(TuningResult::cpuCores);
        return results.stream().filter(r -> r.keptUp(rate)).min(byTail)
                .orElseGet(() -> results.stream().max(Comparator.comparingDouble(TuningResult::achievedRate)).orElseThrow());
    }

    /** Runs the keyed-count workload with one candidate's settings, telling {@code status} how far it is. */
    TuningResult measure(TuningCandidate candidate, String task, Consumer<Status> status) throws InterruptedException {
        try (StreamEngine engine = candidate.engine()) {
            StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", rate)
                    .option("numPartitions", candidate.partitions()).<RateRow>load()
                    .groupByKey(row -> row.value() % KEYS).count()
                    .writeStream().format("noop").outputMode("update")
                    .trigger(Trigger.continuous(Duration.ofMillis(100))).start();
            Duration total = warmUp.plus(measured);
            QueryWatch.sleepShowing(status, query, task + " warm-up", Duration.ZERO, warmUp, total);
            Histogram before = query.latencyHistogram();
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            QueryWatch.sleepShowing(status, query, task + " measured", warmUp, measured, total);
            Histogram after = query.latencyHistogram();
            double wallNanos = System.nanoTime() - wallBefore;
            double cores = (processCpuNanos() - cpuBefore) / wallNanos;
            query.stop();
            after.subtract(before);
            return new TuningResult(candidate, LatencyPercentiles.of(after), after.getTotalCount() / (wallNanos / 1e9), cores);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
