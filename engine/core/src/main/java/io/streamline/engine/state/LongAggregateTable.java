package io.streamline.engine.state;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Output;

import io.streamline.engine.operator.OperatorState;

import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/** Long results ({@code count}, {@code sum}) in a {@link LongKeyedState}, unboxed except where emitted. */
public final class LongAggregateTable<K, T> implements AggregateTable<K, T, Long> {
    /** Folds one more record into a long result. */
    @FunctionalInterface
    public interface LongFold<T> {
        /** The result after {@code value} is added to {@code result}. */
        long apply(long result, T value);
    }

    private final ToLongFunction<? super T> first;
    private final LongFold<? super T> fold;
    private final LongKeyedState<K> state = new LongKeyedState<>();

    /** Number of records per key, as {@code count()} aggregates. */
    public static <K, T> LongAggregateTable<K, T> count() {
        return new LongAggregateTable<>(value -> 1L, (result, value) -> result + 1);
    }

    /** Sum of {@code fn} over the records of each key, as {@code sum(fn)} aggregates. */
    public static <K, T> LongAggregateTable<K, T> sum(ToLongFunction<? super T> fn) {
        return new LongAggregateTable<>(fn, (result, value) -> result + fn.applyAsLong(value));
    }

    /**
     * @param first the result of a key's first record
     * @param fold  the result after one more record
     */
    public LongAggregateTable(ToLongFunction<? super T> first, LongFold<? super T> fold) {
        this.first = first;
        this.fold = fold;
    }

    @Override
    public Long add(K key, T value) {
        return addLong(key, value);
    }

    /** Emits the key's row unboxed: a running count or sum allocates nothing per record. */
    @Override
    public void addAndEmit(K key, T value, Output<KeyValue<K, Long>> out) {
        out.emitKeyedLong(key, addLong(key, value));
    }

    @Override
    public void emitAll(boolean changedOnly, Output<KeyValue<K, Long>> out) {
        if (changedOnly) {
            state.forEachChanged(out::emitKeyedLong);
        } else {
            state.forEach(out::emitKeyedLong);
        }
    }

    private long addLong(K key, T value) {
        int slot = state.slotOf(key);
        long next;
        if (slot < 0) {
            next = first.applyAsLong(value);
            state.insert(key, next);
        } else {
            next = fold.apply(state.valueAt(slot), value);
            state.set(slot, next);
        }
        return next;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super Long> visitor) {
        state.forEach(visitor::accept);
    }

    @Override
    public void forEachChanged(BiConsumer<? super K, ? super Long> visitor) {
        state.forEachChanged(visitor::accept);
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
