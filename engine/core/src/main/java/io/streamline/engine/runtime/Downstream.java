package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/**
 * One link of a fused operator chain. Every call happens on the owning task's thread, so implementations
 * need no synchronisation; a chain {@code map -> filter -> sink} is three direct calls, never a hand-off.
 */
public interface Downstream {
    /** A data record. {@code meta} is reused for the next record; read it during the call only. */
    void onRecord(Object value, RecordMeta meta);

    /** Epoch {@code epoch} is complete upstream: checkpoint what belongs to it, then pass the marker on. */
    void onEpochMarker(long epoch);

    /** Event time has advanced to {@code watermark} (epoch milliseconds). */
    void onWatermark(long watermark);

    /** The upstream has ended. */
    void onEnd();
}
