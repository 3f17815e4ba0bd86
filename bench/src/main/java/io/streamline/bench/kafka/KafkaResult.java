package io.streamline.bench.kafka;

import org.HdrHistogram.Histogram;

/**
 * One run's figures as {@code --json} writes them: the fields of the peers' results, which {@code bench/peers}'s
 * combined report reads ({@code engine, config, rate, achievedRate, records, p50Us .. maxUs, hgrmFile}), plus what was
 * sent.
 *
 * @param engine        what ran the pipeline
 * @param config        its configuration in words
 * @param mode          {@code continuous}, {@code micro-batch}, {@code loop} (the floors) or {@code external}
 * @param workload      {@code kafka-passthrough}, {@code kafka-keyed-count}, or a floor
 * @param rate          offered records per second
 * @param warmupSeconds load before the window, excluded
 * @param seconds       length of the measured window
 * @param sent          records due in the window and sent
 * @param records       of those, records whose effect reached the output topic
 * @param achievedRate  {@code records} per second of the window
 * @param p50Us         latency percentiles in µs, from intended send to receipt of the output ...
 * @param p90Us         ...
 * @param p99Us         ...
 * @param p999Us        ...
 * @param p9999Us       ...
 * @param maxUs         ... and the maximum
 * @param load1         the host's 1-minute load average at the end of the run
 * @param hgrmFile      the percentile distribution file beside the JSON file
 */
record KafkaResult(String engine, String config, String mode, String workload, long rate, long warmupSeconds, long seconds,
                   long sent, long records, double achievedRate, double p50Us, double p90Us, double p99Us, double p999Us,
                   double p9999Us, double maxUs, double load1, String hgrmFile) {

    static KafkaResult of(String engine, String config, String mode, String workload, long rate, long warmupSeconds,
                          long seconds, long sent, Histogram nanos, double load1, String hgrmFile) {
        return new KafkaResult(engine, config, mode, workload, rate, warmupSeconds, seconds, sent, nanos.getTotalCount(),
                (double) nanos.getTotalCount() / seconds, micros(nanos, 50), micros(nanos, 90), micros(nanos, 99),
                micros(nanos, 99.9), micros(nanos, 99.99), nanos.getMaxValue() / 1e3, load1, hgrmFile);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1e3;
    }
}
