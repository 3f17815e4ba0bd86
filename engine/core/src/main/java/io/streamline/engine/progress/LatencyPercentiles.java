package io.streamline.engine.progress;

import org.HdrHistogram.Histogram;

/** End-to-end latency percentiles in microseconds over a set of records. */
public record LatencyPercentiles(long count, double p50Us, double p90Us, double p99Us, double p999Us,
                                 double p9999Us, double maxUs) {
    /** The percentiles of {@code nanos}, a histogram of nanosecond latencies. */
    public static LatencyPercentiles of(Histogram nanos) {
        return new LatencyPercentiles(nanos.getTotalCount(),
                micros(nanos, 50), micros(nanos, 90), micros(nanos, 99), micros(nanos, 99.9), micros(nanos, 99.99),
                nanos.getTotalCount() == 0 ? 0 : nanos.getMaxValue() / 1000.0);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
