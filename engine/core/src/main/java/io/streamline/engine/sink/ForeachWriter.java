package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordPosition;

/**
 * Spark's {@code ForeachWriter}: custom output, one epoch at a time. For each epoch with data the engine
 * calls {@link #open}, then {@link #process} for every row, then {@link #close}; the epoch is committed
 * only after {@code close} returns. A writer instance is used by one thread.
 *
 * <p>Exactly once. After a crash, the epochs whose boundaries were logged are replayed with the same ids and the same
 * rows, and the epoch that was in flight is read again from the same offsets in the same order. A writer that
 * remembers, durably and with its output, the last {@link RecordPosition} it wrote ({@link #process(Object,
 * RecordPosition)}), and skips rows at or before it, writes every row exactly once, even the rows of the epoch that
 * was in flight, while writing each row as it arrives (see {@code examples/.../DeduplicatingWriter}), where the sink's
 * input comes from one source partition in order (see {@link RecordPosition} for the merges where it does not). A writer that
 * writes whole epochs can instead return {@code false} from {@code open} for an epoch id it already stored, as in
 * Spark. A writer that does neither gets every row at least once.
 */
public interface ForeachWriter<T> {
    /**
     * Starts output for an epoch.
     *
     * @return {@code false} to skip this epoch's rows (e.g. already written for this epoch id)
     */
    boolean open(long partitionId, long epochId);

    /** Writes one row. */
    void process(T value);

    /**
     * Writes one row at {@code position}, the same in every run of the query (see {@link RecordPosition} for where
     * that holds); the engine calls this, and by default it calls {@link #process(Object)}. Override it to
     * deduplicate a replay: skip a row whose {@link RecordPosition#sequence()} is at or before the last one written.
     *
     * @param position the engine's reused instance: read it during the call only
     */
    default void process(T value, RecordPosition position) {
        process(value);
    }

    /** Ends the epoch: {@code error} is {@code null} on success, otherwise what stopped the query. */
    void close(Throwable error);
}
