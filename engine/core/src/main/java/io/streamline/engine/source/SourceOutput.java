package io.streamline.engine.source;

/** Where a {@link SourceReader} hands its records; calls go straight into the task's fused chain. */
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
}
