package io.streamline.tuning;

import io.streamline.engine.progress.LatencyPercentiles;

/**
 * What one candidate measured.
 *
 * @param candidate    the configuration
 * @param latency      end-to-end latency after warm-up
 * @param achievedRate records per second delivered
 * @param cpuCores     process CPU time over wall time: cores kept busy
 */
record TuningResult(TuningCandidate candidate, LatencyPercentiles latency, double achievedRate, double cpuCores) {
    /** Whether it kept up with the offered rate (within 1%). */
    boolean keptUp(long rate) {
        return achievedRate >= rate * 0.99;
    }

    /** One line of the tuner's table. */
    String row() {
        return String.format("%-36s %10.0f %9.1f %9.1f %10.1f %10.1f %6.2f", candidate, achievedRate, latency.p50Us(),
                latency.p99Us(), latency.p999Us(), latency.maxUs(), cpuCores);
    }

    /** The table's header. */
    static String header() {
        return String.format("%-36s %10s %9s %9s %10s %10s %6s", "configuration", "rec/s", "p50 us", "p99 us", "p99.9 us",
                "max us", "cores");
    }
}
