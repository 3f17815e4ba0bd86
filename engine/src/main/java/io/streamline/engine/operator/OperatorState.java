package io.streamline.engine.operator;

import java.util.function.BiConsumer;

/**
 * The checkpointable state of a stateful operator. The engine calls {@link #snapshot} on every epoch
 * marker (on the operator's own thread, so no locking), and {@link #restore} once per entry before the
 * first record after a recovery. Keys and values are encoded by the engine's state codec: strings,
 * boxed primitives, records and other {@link java.io.Serializable} types.
 */
public interface OperatorState {
    /** Passes every entry of the state to {@code out}. */
    void snapshot(BiConsumer<Object, Object> out);

    /** Adds one entry of a snapshot back into the (initially empty) state. */
    void restore(Object key, Object value);

    /** Number of entries, for progress reports. */
    long numRows();
}
