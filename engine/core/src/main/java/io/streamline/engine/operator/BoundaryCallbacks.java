package io.streamline.engine.operator;

/**
 * What an operator does at epoch (or micro-batch) boundaries, shared by {@link Operator} and
 * {@link TwoInputOperator}. At every boundary the engine calls, in this order: {@link #onTimer} for each timer the
 * boundary fires (in time order), {@link #onWatermark} if the input watermark advanced, {@link #onEpochEnd}; then
 * it checkpoints {@link #state()} (and the timers) and passes the boundary on. So everything emitted at a
 * boundary belongs to the epoch the boundary closes.
 *
 * @param <O> output type
 */
public interface BoundaryCallbacks<O> {
    /** A timer registered through {@link OperatorContext#timers()} fired. */
    default void onTimer(Timer timer, Output<O> out) {
    }

    /**
     * The input watermark advanced to {@code watermark} at an epoch boundary, after the boundary's timers fired:
     * evict and emit what it completes. In micro-batch mode the watermark computed at the end of batch {@code b}
     * is given at the start of batch {@code b + 1} (before its first record, or at its end if it has none), as
     * Spark runs every batch with the watermark of the batches before it.
     */
    default void onWatermark(long watermark, Output<O> out) {
    }

    /**
     * Epoch {@code epoch} is ending: emit whatever belongs to it (e.g. a complete-mode table) before the engine
     * snapshots {@link #state()} and passes the marker on.
     */
    default void onEpochEnd(long epoch, Output<O> out) {
    }

    /**
     * The watermark passed downstream when the input watermark is {@code inputWatermark}: the same by default. For
     * an operator that {@link #emitsOnWatermark()}, {@code inputWatermark} is the one it last evicted with.
     */
    default long outputWatermark(long inputWatermark) {
        return inputWatermark;
    }

    /**
     * Whether the operator emits rows when the watermark advances (append-mode windows emitting what it completes),
     * with event times between the watermark before and the new one. In micro-batch mode such rows go out in the batch
     * that runs with the new watermark, so what the operator passes downstream at the end of a batch is based on the
     * watermark the batch ran with, not on the one the next batch will run with: a stateful operator downstream then
     * judges the rows against a watermark below theirs, and runs a batch behind. In continuous mode both are the
     * same watermark, applied at the marker before the rows go out.
     */
    default boolean emitsOnWatermark() {
        return false;
    }

    /** The state to checkpoint, or {@code null} for a stateless operator; asked once, when the query is planned. */
    default OperatorState state() {
        return null;
    }
}
