package io.streamline.engine.operator;

/**
 * A per-record operator, fused with its neighbours into one task. All calls for one operator instance
 * come from one thread. This is the SPI the {@code operators} module builds windows, joins and the rest on.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface Operator<I, O> {
    /** Processes one record, emitting zero or more results. */
    void process(I value, RecordMeta meta, Output<O> out);

    /** Event time advanced; the engine forwards the watermark downstream after this returns. */
    default void onWatermark(long watermark, Output<O> out) {
    }

    /**
     * Epoch {@code epoch} is ending: emit whatever belongs to it (e.g. a complete-mode table) before the
     * engine snapshots {@link #state()} and passes the marker on.
     */
    default void onEpochEnd(long epoch, Output<O> out) {
    }

    /** The state to checkpoint, or {@code null} for a stateless operator. */
    default OperatorState state() {
        return null;
    }
}
