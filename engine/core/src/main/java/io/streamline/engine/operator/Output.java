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

    /**
     * Emits the row {@code KeyValue(key, value)} of an operator whose results are {@code KeyValue<K, Long>} (a
     * running count or sum), with the current metadata. The same as {@code emit(new KeyValue<>(key, value))}, except
     * that the engine hands the key and the long on unboxed where the rest of the chain can take them so (a sink
     * that does not keep the row): the row object, and the boxed long, are then never created.
     */
    @SuppressWarnings("unchecked")
    default void emitKeyedLong(Object key, long value) {
        emit((O) new io.streamline.engine.KeyValue<>(key, value));
    }

    /**
     * {@link #emitKeyedLong(Object, long)} with event time {@code eventTime} (epoch milliseconds), as
     * {@link #emit(Object, long)}: the row of a windowed count or sum, stamped with its window's last millisecond.
     */
    @SuppressWarnings("unchecked")
    default void emitKeyedLong(Object key, long value, long eventTime) {
        emit((O) new io.streamline.engine.KeyValue<>(key, value), eventTime);
    }
}
