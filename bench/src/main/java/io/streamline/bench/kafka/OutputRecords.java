package io.streamline.bench.kafka;

import java.util.function.LongConsumer;

/**
 * How a workload's output records lead back to the input records whose effect they show, and so to those records'
 * intended send times: the latency of an input record is from its intended send time to the receipt of the first
 * output record that shows it.
 */
interface OutputRecords {
    /**
     * Calls {@code intended} with the intended send time of every input record that this output record shows for the
     * first time (none for a record shown before, as an at-least-once pipeline's replay).
     */
    void forEachShown(byte[] key, byte[] value, LongConsumer intended);

    /** What a passthrough writes: the input record's value, so its own stamp ({@link StampedProducer#stampOf}). */
    static OutputRecords stamped() {
        return (key, value, intended) -> intended.accept(StampedProducer.stampOf(value));
    }
}
