package io.streamline.engine.operator;

/**
 * An operator with two inputs (joins, {@code cogroup}), Flink's {@code CoProcessFunction} in the engine's terms.
 * Both inputs are aligned at every epoch boundary, so a boundary closes the same epoch on both; the watermark is
 * tracked per input ({@link OperatorContext#inputWatermark(int)}) and the operator's watermark is the minimum of
 * the two (Spark's {@code multipleWatermarkPolicy=min}). Boundaries work as {@link BoundaryCallbacks} says. All
 * calls come from one thread of an instance. A two-input operator runs as one instance that sees every record of both
 * inputs, unless it is keyed ({@link io.streamline.engine.KeyedStream#transformWith}): then each of its instances sees
 * every record of both inputs for the keys it owns.
 *
 * @param <L> first input type
 * @param <R> second input type
 * @param <O> output type
 */
public interface TwoInputOperator<L, R, O> extends BoundaryCallbacks<O> {
    /** A record of the first input. */
    void processLeft(L value, RecordMeta meta, Output<O> out);

    /** A record of the second input. */
    void processRight(R value, RecordMeta meta, Output<O> out);
}
