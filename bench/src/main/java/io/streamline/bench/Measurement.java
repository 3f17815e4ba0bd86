package io.streamline.bench;

import io.streamline.engine.progress.LatencyPercentiles;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one workload through a warm-up and a measured window. Warm-up is excluded by subtracting the
 * cumulative latency histogram taken at its end from the one taken at the window's end; a snapshot every
 * second in between gives the per-second series. The measuring thread sleeps between snapshots, so it
 * takes no core from the workload.
 */
final class Measurement {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RunnerOptions options;
    private final PrintStream log;

    /** @param log where the plan and the per-second lines go */
    Measurement(RunnerOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** A window's figures and its latency histogram (nanoseconds). */
    record Window(RunResult result, Histogram histogram) {
    }

    /** Runs {@code workload}; {@code hgrmFile} is only recorded in the result, not written. */
    Window run(Workload workload, Path hgrmFile) throws InterruptedException {
        // Collect the previous workload's garbage now, not inside this one's window.
        System.gc();
        try (RunningWorkload running = workload.start(options)) {
            log.println("== " + workload.label + " at " + options.rate() + " rec/s: " + options.warmupSeconds()
                    + " s warm-up, " + options.seconds() + " s measured");
            log.println(running.describe());
            TimeUnit.SECONDS.sleep(options.warmupSeconds());

            Histogram start = running.latencyHistogram();
            EpochWindow epochs = EpochWindow.after(running.recentProgress());
            JvmCounters before = JvmCounters.read();
            long startNanos = System.nanoTime();
            long endNanos = startNanos;
            Histogram previous = start;
            List<IntervalStats> intervals = new ArrayList<>();
            for (int second = 1; second <= options.seconds(); second++) {
                sleepUntil(startNanos + second * NANOS_PER_SECOND);
                Histogram now = running.latencyHistogram();
                endNanos = System.nanoTime();
                epochs.observe(running.recentProgress());
                IntervalStats stats = IntervalStats.of(second, difference(now, previous));
                log.printf("  %3d s  %,9d rec  p50 %8.1f µs  p99 %10.1f µs  max %10.1f µs%n",
                        second, stats.records(), stats.p50Us(), stats.p99Us(), stats.maxUs());
                intervals.add(stats);
                previous = now;
            }
            JvmCounters after = JvmCounters.read();
            Histogram window = difference(previous, start);
            return new Window(result(workload, running, window, endNanos - startNanos, epochs, before, after,
                    hgrmFile, intervals), window);
        }
    }

    private RunResult result(Workload workload, RunningWorkload running, Histogram window, long windowNanos,
                             EpochWindow epochs, JvmCounters before, JvmCounters after, Path hgrmFile,
                             List<IntervalStats> intervals) {
        LatencyPercentiles p = LatencyPercentiles.of(window);
        long records = window.getTotalCount();
        long epochMillis = running.epochMillis();
        long requestedEpochs = epochMillis == 0 ? 0 : windowNanos / TimeUnit.MILLISECONDS.toNanos(epochMillis);
        return new RunResult(options.mode(), workload.label, options.idle().name().toLowerCase().replace('_', '-'),
                options.rate(), options.warmupSeconds(), options.seconds(), epochMillis,
                records * (double) NANOS_PER_SECOND / windowNanos, records,
                p.p50Us(), p.p90Us(), p.p99Us(), p.p999Us(), p.p9999Us(), p.maxUs(),
                requestedEpochs, epochs.committed(), epochs.maxCommitMillis(),
                after.gcCount() - before.gcCount(), after.gcMillis() - before.gcMillis(),
                records == 0 ? 0 : (double) after.allocatedSince(before) / records,
                hgrmFile.getFileName().toString(), List.copyOf(intervals));
    }

    /** {@code later - earlier}, for cumulative histograms of the same run. */
    private static Histogram difference(Histogram later, Histogram earlier) {
        Histogram d = later.copy();
        d.subtract(earlier);
        return d;
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
