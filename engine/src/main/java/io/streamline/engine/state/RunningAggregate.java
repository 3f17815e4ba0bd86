package io.streamline.engine.state;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A running aggregation per key ({@code count}, {@code sum}, {@code reduce}) on {@link KeyedState}.
 * In {@code update} mode every change is emitted as it happens; in {@code complete} mode the whole table
 * is emitted at the end of every epoch, as Spark's complete mode outputs the whole result each trigger.
 */
public final class RunningAggregate<K, T, R> implements Operator<T, KeyValue<K, R>> {
    private final Function<? super T, ? extends K> keyFn;
    private final Function<? super T, ? extends R> first;
    private final BiFunction<? super R, ? super T, ? extends R> fold;
    private final boolean completeMode;
    private final KeyedState<K, R> state = new KeyedState<>();

    /**
     * @param keyFn the grouping key of a record
     * @param first the aggregate of a key's first record
     * @param fold  the aggregate after one more record
     * @param mode  {@link OutputMode#UPDATE} or {@link OutputMode#COMPLETE}
     */
    public RunningAggregate(Function<? super T, ? extends K> keyFn, Function<? super T, ? extends R> first,
                            BiFunction<? super R, ? super T, ? extends R> fold, OutputMode mode) {
        this.keyFn = keyFn;
        this.first = first;
        this.fold = fold;
        this.completeMode = mode == OutputMode.COMPLETE;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<K, R>> out) {
        K key = keyFn.apply(value);
        R previous = state.get(key);
        R next = previous == null ? first.apply(value) : fold.apply(previous, value);
        state.put(key, next);
        if (!completeMode) {
            out.emit(new KeyValue<>(key, next));
        }
    }

    @Override
    public void onEpochEnd(long epoch, Output<KeyValue<K, R>> out) {
        if (completeMode) {
            state.forEach((k, v) -> out.emit(new KeyValue<>(k, v)));
        }
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
