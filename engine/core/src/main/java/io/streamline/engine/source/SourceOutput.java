package io.streamline.engine.source;

/**
 * Where a {@link SourceReader} hands its records; calls go straight into the task's fused chain. Besides records,
 * a source with event-time progress of its own (Kafka, a log with ordered timestamps) may report watermarks per
 * partition and mark a partition idle; the engine carries them downstream with the next epoch marker, so they
 * take effect at epoch boundaries. Partitions of one source combine by the smallest watermark, idle ones left out.
 */
@FunctionalInterface
public interface SourceOutput<T> {
    /**
     * Emits one record.
     *
     * @param value       the record
     * @param offset      its position in the partition (the reader's offset after it is the next position)
     * @param ingestNanos {@link System#nanoTime()} of ingestion; a paced source passes the intended send time
     *                    so that latency includes any delay in reaching it (no coordinated omission)
     * @param eventTime   event time in epoch milliseconds, or {@link io.streamline.engine.operator.RecordMeta#NO_EVENT_TIME}
     */
    void emit(T value, long offset, long ingestNanos, long eventTime);

    /**
     * No record of this partition with an event time at or below {@code watermark} (epoch milliseconds) follows.
     * A lower watermark than one reported before is ignored. (The engine's outputs carry it on; the default, for
     * outputs that only collect records, drops it.)
     */
    default void emitWatermark(long watermark) {
    }

    /**
     * This partition has nothing to deliver for now: until its next record or watermark it neither holds back nor
     * advances the source's watermark.
     */
    default void markIdle() {
    }
}
