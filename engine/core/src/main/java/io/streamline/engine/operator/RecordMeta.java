package io.streamline.engine.operator;

/**
 * Read-only metadata of the record being processed. The instance is owned by the engine and reused for
 * the next record: read it during the call, never keep it.
 */
public interface RecordMeta {
    /** Sentinel for "this record has no event time". */
    long NO_EVENT_TIME = Long.MIN_VALUE;

    /** {@link System#nanoTime()} at which the record was (or, for paced sources, was meant to be) ingested. */
    long ingestNanos();

    /** Event time in epoch milliseconds, or {@link #NO_EVENT_TIME}. */
    long eventTime();

    /** Position of the record in its source partition, or -1 for a result emitted outside record processing. */
    long sourceOffset();

    /**
     * The record's position in the sink partition's output (epoch, partition, sequence), stable across restarts;
     * {@code null} before the sink (operators see none). The engine's reused instance: read it during the call only.
     */
    default RecordPosition position() {
        return null;
    }
}
