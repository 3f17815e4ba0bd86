package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/**
 * One link of a fused operator chain. Every call happens on the owning task's thread, so implementations
 * need no synchronisation; a chain {@code map -> filter -> sink} is three direct calls, never a hand-off.
 */
public interface Downstream {
    /** A data record. {@code meta} is reused for the next record; read it during the call only. */
    void onRecord(Object value, RecordMeta meta);

    /**
     * Epoch {@code epoch} is complete upstream: checkpoint what belongs to it, then pass the marker on.
     * {@code watermark} is the upstream's watermark as of the end of the epoch (or
     * {@link io.streamline.engine.operator.Watermarks#NONE} / {@code IDLE}): watermarks travel with markers only,
     * so they advance at epoch boundaries and never within an epoch.
     */
    void onEpochMarker(long epoch, long watermark);

    /**
     * The record {@code KeyValue(key, value)}, unboxed ({@link io.streamline.engine.operator.Output#emitKeyedLong}).
     * By default the row is created and passed on as a record; a link that can pass the pair on, or use it, without
     * the object (a fan-out, a sink) overrides this, so a running count allocates nothing per record.
     */
    default void onKeyedLong(Object key, long value, RecordMeta meta) {
        onRecord(new io.streamline.engine.KeyValue<>(key, value), meta);
    }

    /** The upstream has ended. */
    void onEnd();
}
