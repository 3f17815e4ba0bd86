package io.streamline.bench;

import io.streamline.engine.progress.LatencyPercentiles;
import org.HdrHistogram.Histogram;

/**
 * The measured window restricted to its quiet seconds: those in which other processes on the machine used
 * less than {@value #QUIET_CORES} cores. On a shared 2-core machine a build or test elsewhere takes the
 * core the engine's helper threads would use and preempts the record path for milliseconds; these figures
 * show what is left when that did not happen. The JVM's own threads (GC, JIT, epoch clock) count as the
 * workload's, never as other processes, so nothing the engine causes is filtered out.
 *
 * @param seconds quiet seconds in the window
 * @param records records delivered in them
 * @param p50Us   latency percentiles in µs over those records ...
 * @param p90Us   ...
 * @param p99Us   ...
 * @param p999Us  ...
 * @param p9999Us ...
 * @param maxUs   ... and the maximum
 */
record QuietFigures(int seconds, long records, double p50Us, double p90Us, double p99Us, double p999Us,
                    double p9999Us, double maxUs) {
    /** Other processes' CPU below which a second counts as quiet. */
    static final double QUIET_CORES = 0.05;

    /** Whether a second in which other processes used {@code otherCores} was quiet (unknown is not). */
    static boolean isQuiet(double otherCores) {
        return otherCores >= 0 && otherCores < QUIET_CORES;
    }

    /** The figures of {@code seconds} quiet seconds whose latencies (ns) were added into {@code quiet}. */
    static QuietFigures of(int seconds, Histogram quiet) {
        LatencyPercentiles p = LatencyPercentiles.of(quiet);
        return new QuietFigures(seconds, p.count(), p.p50Us(), p.p90Us(), p.p99Us(), p.p999Us(), p.p9999Us(), p.maxUs());
    }
}
