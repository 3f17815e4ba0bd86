package io.streamline.engine.state;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Output;

import io.streamline.engine.operator.OperatorState;

import java.util.function.BiConsumer;

/**
 * The per-key results of a {@link RunningAggregate}: folds records in and reads results back, in whatever
 * representation suits the result type ({@link LongAggregateTable} keeps long results unboxed).
 *
 * @param <K> key type
 * @param <T> record type
 * @param <R> result type
 */
public interface AggregateTable<K, T, R> {
    /** Folds {@code value} into the result of {@code key} and returns the key's new result. */
    R add(K key, T value);

    /**
     * Folds {@code value} into the result of {@code key} and emits the key's row with its new result. A table of
     * long results emits it unboxed ({@link Output#emitKeyedLong}).
     */
    default void addAndEmit(K key, T value, Output<KeyValue<K, R>> out) {
        out.emit(new KeyValue<>(key, add(key, value)));
    }

    /** Emits every key's row (complete mode); with {@code changedOnly}, the keys changed since the last checkpoint. */
    default void emitAll(boolean changedOnly, Output<KeyValue<K, R>> out) {
        BiConsumer<K, R> emit = (k, v) -> out.emit(new KeyValue<>(k, v));
        if (changedOnly) {
            forEachChanged(emit);
        } else {
            forEach(emit);
        }
    }

    /** Visits every key's result. */
    void forEach(BiConsumer<? super K, ? super R> visitor);

    /** Visits the keys changed since the last checkpoint with their result. */
    void forEachChanged(BiConsumer<? super K, ? super R> visitor);

    /** The checkpointed state behind the table. */
    OperatorState state();
}
