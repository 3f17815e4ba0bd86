package io.streamline.bench;

import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.tuning.console.CommandProgress;
import io.streamline.tuning.console.Status;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one workload through a warm-up and a measured window. Warm-up is excluded by subtracting the
 * cumulative latency histogram taken at its end from the one taken at the window's end; a snapshot every
 * second in between gives the per-second series. The measuring thread sleeps between snapshots, so it
 * takes no core from the workload. Each second also records how much CPU other processes used, so that a
 * window disturbed by the rest of the machine can be told apart (see {@link QuietFigures}).
 */
final class Measurement {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RunnerOptions options;
    private final CommandProgress progress;
    private final PrintStream log;

    /** @param progress where the plan, the per-second lines and the live status go */
    Measurement(RunnerOptions options, CommandProgress progress) {
        this.options = options;
        this.progress = progress;
        this.log = progress.lines();
    }

    /**
     * A window's figures, its latency histogram (nanoseconds) and one histogram per second of it, each
     * stamped with its start and end (epoch milliseconds) for an interval log.
     */
    record Window(RunResult result, Histogram histogram, List<Histogram> perSecond) {
    }

    /** Runs {@code workload}; {@code hgrmFile} is only recorded in the result, not written. */
    Window run(Workload workload, Mode mode, Path hgrmFile) throws InterruptedException {
        // Collect the previous workload's garbage now, not inside this one's window.
        System.gc();
        try (RunningWorkload running = workload.start(options, mode)) {
            String label = (workload == Workload.RAW_RING ? "" : mode.label() + " ") + workload.label;
            log.println("== " + label + " at " + options.rate() + " rec/s: " + options.warmupSeconds()
                    + " s warm-up, " + options.seconds() + " s measured");
            log.println(running.describe());
            // Warm-up ends with a full collection shortly before the window: what warm-up built (state, pools) is
            // tenured then, so the window shows the steady state, not the first young copies of long-lived objects
            // (100k pooled keys first copied: one 34 ms young pause).
            long warmupMillis = TimeUnit.SECONDS.toMillis(options.warmupSeconds());
            long settleMillis = Math.min(1000, warmupMillis / 2);
            warmUp(label, running, warmupMillis - settleMillis, warmupMillis);
            System.gc();
            TimeUnit.MILLISECONDS.sleep(settleMillis);

            Histogram start = running.latencyHistogram();
            EpochWindow epochs = EpochWindow.after(running.recentProgress());
            JvmCounters before = JvmCounters.read();
            HostCpu hostStart = HostCpu.read();
            long startNanos = System.nanoTime();
            long endNanos = startNanos;
            Histogram previous = start;
            HostCpu hostPrevious = hostStart;
            Histogram quiet = LatencyRecorder.newHistogram();
            int quietSeconds = 0;
            List<IntervalStats> intervals = new ArrayList<>();
            List<Histogram> perSecond = new ArrayList<>();
            for (int second = 1; second <= options.seconds(); second++) {
                sleepUntil(startNanos + second * NANOS_PER_SECOND);
                Histogram now = running.latencyHistogram();
                HostCpu host = HostCpu.read();
                long previousEnd = endNanos;
                endNanos = System.nanoTime();
                epochs.observe(running.recentProgress());
                Histogram interval = difference(now, previous);
                long wallNow = System.currentTimeMillis();
                interval.setStartTimeStamp(wallNow - (endNanos - previousEnd) / 1_000_000);
                interval.setEndTimeStamp(wallNow);
                perSecond.add(interval);
                IntervalStats stats = IntervalStats.of(second, interval,
                        host.otherCoresSince(hostPrevious, endNanos - previousEnd));
                if (QuietFigures.isQuiet(stats.otherCores())) {
                    quiet.add(interval);
                    quietSeconds++;
                }
                log.printf("  %3d s  %,9d rec  p50 %8.1f µs  p99 %10.1f µs  max %10.1f µs  other processes %5.2f cores%n",
                        second, stats.records(), stats.p50Us(), stats.p99Us(), stats.maxUs(), stats.otherCores());
                progress.status(new Status(label + " measured", Duration.ofSeconds(second), Duration.ofSeconds(options.seconds()),
                        stats.records() * (double) NANOS_PER_SECOND / (endNanos - previousEnd), stats.p99Us()));
                intervals.add(stats);
                previous = now;
                hostPrevious = host;
            }
            JvmCounters after = JvmCounters.read();
            Histogram window = difference(previous, start);
            double otherCores = hostPrevious.otherCoresSince(hostStart, endNanos - startNanos);
            return new Window(result(workload, mode, running, window, endNanos - startNanos, epochs, before, after,
                    otherCores, QuietFigures.of(quietSeconds, quiet), hgrmFile, intervals), window, perSecond);
        }
    }

    private RunResult result(Workload workload, Mode mode, RunningWorkload running, Histogram window, long windowNanos,
                             EpochWindow epochs, JvmCounters before, JvmCounters after, double otherCores,
                             QuietFigures quiet, Path hgrmFile, List<IntervalStats> intervals) {
        LatencyPercentiles p = LatencyPercentiles.of(window);
        long records = window.getTotalCount();
        long epochMillis = running.epochMillis();
        long requestedEpochs = epochMillis == 0 ? 0 : windowNanos / TimeUnit.MILLISECONDS.toNanos(epochMillis);
        return new RunResult(workload == Workload.RAW_RING ? "raw" : mode.label(), workload.label, options.idleLabel(),
                options.rate(), options.warmupSeconds(), options.seconds(), epochMillis,
                records * (double) NANOS_PER_SECOND / windowNanos, records,
                p.p50Us(), p.p90Us(), p.p99Us(), p.p999Us(), p.p9999Us(), p.maxUs(),
                requestedEpochs, epochs.committed(), epochs.maxCommitMillis(),
                after.gcCount() - before.gcCount(), after.gcMillis() - before.gcMillis(),
                records == 0 ? 0 : (double) after.allocatedSince(before) / records, otherCores, quiet,
                hgrmFile.getFileName().toString(), List.copyOf(intervals),
                workload.closeToEmit && mode == Mode.CONTINUOUS ? RunResult.CLOSE_TO_EMIT : RunResult.RECORD_LATENCY,
                epochs.state(),
                epochs.inputRows() * (double) NANOS_PER_SECOND / windowNanos);
    }

    /** Sleeps through the first {@code millis} of the warm-up, showing its progress once a second. */
    private void warmUp(String label, RunningWorkload running, long millis, long totalMillis) throws InterruptedException {
        long start = System.nanoTime();
        for (long elapsed = 0; elapsed < millis; elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)) {
            List<StreamingQueryProgress> recent = running.recentProgress();
            StreamingQueryProgress last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
            progress.status(new Status(label + " warm-up", Duration.ofMillis(elapsed), Duration.ofMillis(totalMillis),
                    last == null ? Double.NaN : last.inputRowsPerSecond(), last == null ? Double.NaN : last.latency().p99Us()));
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, millis - elapsed));
        }
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
