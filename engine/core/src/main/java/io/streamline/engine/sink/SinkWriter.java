package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordMeta;

/**
 * Writes one sink partition's records. All calls come from one thread, the task the partition is fused into
 * (or the sink's own thread behind a ring).
 *
 * <p>{@link #prepare} is the sink's half of the epoch protocol, called when the epoch's marker arrives. A
 * one-phase sink makes everything written for the epoch durable or visible there and returns
 * {@link EpochOutput#DONE}; a two-phase sink only ends the epoch's output there (e.g. flushes its file to the
 * OS) and returns an {@link EpochOutput} whose slow part (an fsync, a transaction's prepare) runs on the
 * committer thread, off the record path, and whose commit runs after the commit record.
 */
public interface SinkWriter<T> {
    /** Writes one record; {@code meta} is the engine's and reused for the next record: read it during the call only. */
    void write(T value, RecordMeta meta);

    /**
     * Writes the record {@code KeyValue(key, value)}, which a running count or sum hands over unboxed. By default
     * the row is created and {@linkplain #write written}; a sink that need not keep the row object (it discards it,
     * or encodes it at once) overrides this, so that such an aggregation allocates nothing per record.
     */
    @SuppressWarnings("unchecked")
    default void writeKeyedLong(Object key, long value, RecordMeta meta) {
        write((T) new io.streamline.engine.KeyValue<>(key, value), meta);
    }

    /** Ends epoch {@code epoch}'s output: everything written since the previous prepare belongs to it. */
    EpochOutput prepare(long epoch);

    /** Releases resources; {@code error} is the failure that stopped the query, or {@code null}. */
    default void close(Throwable error) {
    }
}
