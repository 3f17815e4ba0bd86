package io.streamline.bench.peers;

import org.HdrHistogram.Histogram;

/**
 * The figures of one peer's measured window as written to its JSON file: the fields of the engine's own
 * runner ({@code bench/run.sh}) that the combined report reads, plus the engine and its configuration.
 *
 * @param engine        engine and version
 * @param config        what was configured
 * @param mode          execution mode
 * @param workload      always {@code stateless}: generator -> map -> filter -> sink
 * @param rate          offered records per second
 * @param warmupSeconds load before the window
 * @param seconds       length of the window
 * @param achievedRate  records delivered per second of the window
 * @param records       records delivered in the window
 * @param p50Us         latency percentiles in µs, from each record's intended send time ...
 * @param p90Us         ...
 * @param p99Us         ...
 * @param p999Us        ...
 * @param p9999Us       ...
 * @param maxUs         ... and the maximum
 * @param hgrmFile      the percentile distribution file beside the JSON file
 */
public record PeerResult(String engine, String config, String mode, String workload, long rate, int warmupSeconds,
                         int seconds, double achievedRate, long records, double p50Us, double p90Us, double p99Us,
                         double p999Us, double p9999Us, double maxUs, String hgrmFile) {
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * The result of a window.
     *
     * @param window      latencies in nanoseconds
     * @param windowNanos how long the window lasted
     */
    public static PeerResult of(RunningPeer peer, PeerOptions options, Histogram window, long windowNanos,
                                String hgrmFile) {
        return new PeerResult(peer.engine(), peer.config(), peer.mode(), "stateless", options.rate(),
                options.warmupSeconds(), options.seconds(), window.getTotalCount() * NANOS_PER_SECOND / windowNanos,
                window.getTotalCount(), micros(window, 50), micros(window, 90), micros(window, 99),
                micros(window, 99.9), micros(window, 99.99), window.getMaxValue() / NANOS_PER_MICRO, hgrmFile);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }
}
