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
 * In {@code update} mode a continuous query emits every change as it happens, and a micro-batch query each
 * changed key once at the end of its batch, as Spark does; in {@code complete} mode the whole table is
 * emitted at the end of every epoch or batch, as Spark's complete mode outputs the whole result each trigger.
 */
public final class RunningAggregate<K, T, R> implements Operator<T, KeyValue<K, R>> {
    private final Function<? super T, ? extends K> keyFn;
    private final Function<? super T, ? extends R> first;
    private final BiFunction<? super R, ? super T, ? extends R> fold;
    private final boolean completeMode;
    private final boolean perBatch;
    private final KeyedState<K, R> state = new KeyedState<>();

    /**
     * @param keyFn the grouping key of a record
     * @param first the aggregate of a key's first record
     * @param fold  the aggregate after one more record
     * @param mode       {@link OutputMode#UPDATE} or {@link OutputMode#COMPLETE}
     * @param microBatch whether update mode emits each changed key once per batch instead of per record
     */
    public RunningAggregate(Function<? super T, ? extends K> keyFn, Function<? super T, ? extends R> first,
                            BiFunction<? super R, ? super T, ? extends R> fold, OutputMode mode, boolean microBatch) {
        this.keyFn = keyFn;
        this.first = first;
        this.fold = fold;
        this.completeMode = mode == OutputMode.COMPLETE;
        this.perBatch = microBatch && !completeMode;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<K, R>> out) {
        K key = keyFn.apply(value);
        R previous = state.get(key);
        R next = previous == null ? first.apply(value) : fold.apply(previous, value);
        state.put(key, next);
        if (!completeMode && !perBatch) {
            out.emit(new KeyValue<>(key, next));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEpochEnd(long epoch, Output<KeyValue<K, R>> out) {
        if (completeMode) {
            state.forEach((k, v) -> out.emit(new KeyValue<>(k, v)));
        } else if (perBatch) {
            state.forEachChanged((k, v) -> {
                if (v != OperatorState.REMOVED) {
                    out.emit(new KeyValue<>((K) k, (R) v));
                }
            });
        }
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
