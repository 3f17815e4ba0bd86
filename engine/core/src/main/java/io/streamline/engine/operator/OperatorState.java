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

    /**
     * For incremental checkpoints: the entries changed since the previous call. Called on the marker, on the
     * record path, so it should hand over what it tracked rather than copy it; the engine writes the changes on
     * a background thread, so what is handed over must not be mutated afterwards (state values are treated as
     * immutable).
     *
     * @return the changes, or {@code null} if this state only supports full snapshots via {@link #snapshot}
     */
    default StateChanges takeChanges() {
        return null;
    }

    /**
     * The grouping key an entry of this state belongs to: the key its operator's records are partitioned by. The
     * engine places every entry in the key group of this key, so state can move between instances when a query
     * restarts with another parallelism. The state's own key by default; a state keyed by more than the grouping
     * key (e.g. key and window) returns the grouping part.
     */
    default Object groupingKeyOf(Object stateKey) {
        return stateKey;
    }
}
