package io.streamline.engine.operator;

/**
 * Where an operator sends its results; a call runs the rest of the fused chain before it returns. Results carry
 * the metadata of the record being processed; results emitted outside {@link Operator#process} (at a watermark,
 * a timer or the end of an epoch) carry metadata of the operator's own, stamped with the time of the emit, so
 * they never point at an input record the engine has since reused.
 */
public interface Output<O> {
    /** Emits {@code value} with the current metadata. */
    void emit(O value);

    /** Emits {@code value} with the current metadata but event time {@code eventTime} (epoch milliseconds). */
    void emit(O value, long eventTime);
}
