package io.streamline.bench;

import io.streamline.engine.progress.LatencyPercentiles;
import org.HdrHistogram.Histogram;

/**
 * Latency of the records delivered in one second of the measured window: shows whether latency grows over
 * the run (a backlog) or stays flat.
 *
 * @param second  1-based second of the window
 * @param records records delivered in it
 * @param p50Us   median, µs
 * @param p99Us   99th percentile, µs
 * @param maxUs   maximum, µs
 */
record IntervalStats(int second, long records, double p50Us, double p99Us, double maxUs) {
    /** The statistics of {@code interval}, a histogram of nanosecond latencies. */
    static IntervalStats of(int second, Histogram interval) {
        LatencyPercentiles p = LatencyPercentiles.of(interval);
        return new IntervalStats(second, p.count(), p.p50Us(), p.p99Us(), p.maxUs());
    }
}
