package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Results of any (immutable) type in a {@link KeyedState}; used by {@code reduce}. */
public final class ObjectAggregateTable<K, T, R> implements AggregateTable<K, T, R> {
    private final Function<? super T, ? extends R> first;
    private final BiFunction<? super R, ? super T, ? extends R> fold;
    private final KeyedState<K, R> state = new KeyedState<>();

    /**
     * @param first the result of a key's first record
     * @param fold  the result after one more record
     */
    public ObjectAggregateTable(Function<? super T, ? extends R> first, BiFunction<? super R, ? super T, ? extends R> fold) {
        this.first = first;
        this.fold = fold;
    }

    @Override
    public R add(K key, T value) {
        R previous = state.get(key);
        R next = previous == null ? first.apply(value) : fold.apply(previous, value);
        state.put(key, next);
        return next;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super R> visitor) {
        state.forEach(visitor);
    }

    @Override
    public void forEachChanged(BiConsumer<? super K, ? super R> visitor) {
        state.forEachChanged(visitor);
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
