package io.streamline.operators.ml;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.KeyedState;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A training operator's checkpointed model: one entry, written when the model changes (at the end of an epoch or
 * batch), handed back to {@code onRestore} when a query restarts from its checkpoint, before any record.
 */
final class ModelState<M> implements OperatorState {
    private static final String KEY = "model";

    private final KeyedState<String, M> entries = new KeyedState<>();
    private final Consumer<M> onRestore;

    ModelState(Consumer<M> onRestore) {
        this.onRestore = onRestore;
    }

    /** Records {@code model} as the state to checkpoint at this epoch's marker. */
    void set(M model) {
        entries.put(KEY, model);
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        entries.snapshot(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        entries.restore(key, value);
        onRestore.accept((M) value);
    }

    @Override
    public long numRows() {
        return entries.numRows();
    }

    @Override
    public StateChanges takeChanges() {
        return entries.takeChanges();
    }
}
