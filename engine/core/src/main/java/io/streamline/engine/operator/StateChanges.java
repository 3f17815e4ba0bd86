package io.streamline.engine.operator;

import java.util.function.Consumer;

/**
 * The entries of an operator's state changed in one epoch, handed from the operator's thread to the engine's
 * background snapshot writer by {@link OperatorState#takeChanges()}. Long values are visited unboxed, so a
 * state of counters or sums can be checkpointed without one object per change.
 */
public interface StateChanges {
    /** Number of changed keys. */
    int size();

    /** Visits every changed key once, with its value at the end of the epoch. */
    void forEach(Visitor visitor);

    /**
     * The engine is done with these changes (its background writer has written them): the state may reuse the
     * buffers behind them for a later epoch. Called once, from the writer's thread.
     */
    default void release() {
    }

    /** Visits every changed key once, whatever became of it. */
    default void forEachKey(Consumer<Object> action) {
        forEach(new Visitor() {
            @Override
            public void changed(Object key, Object value) {
                action.accept(key);
            }

            @Override
            public void changedLong(Object key, long value) {
                action.accept(key);
            }

            @Override
            public void changedEncoded(Object key, byte[] value) {
                action.accept(key);
            }

            @Override
            public void removed(Object key) {
                action.accept(key);
            }
        });
    }

    /** Receives the changes. */
    interface Visitor {
        /** {@code key} now maps to {@code value} (immutable). */
        void changed(Object key, Object value);

        /** {@code key} now maps to the long {@code value}. */
        void changedLong(Object key, long value);

        /**
         * {@code key} now maps to the value encoded (by {@link io.streamline.engine.state.StateCodec}) as
         * {@code value}: a value that could still change, encoded at the epoch marker.
         */
        void changedEncoded(Object key, byte[] value);

        /** {@code key} was removed. */
        void removed(Object key);
    }
}
