package io.streamline.engine.state;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.Function;

/**
 * A running aggregation per key ({@code count}, {@code sum}, {@code reduce}) on an {@link AggregateTable}.
 * In {@code update} mode a continuous query emits every change as it happens, and a micro-batch query each
 * changed key once at the end of its batch, as Spark does; in {@code complete} mode the whole table is
 * emitted at the end of every epoch or batch, as Spark's complete mode outputs the whole result each trigger.
 */
public final class RunningAggregate<K, T, R> implements Operator<T, KeyValue<K, R>> {
    private final String name;
    private final Function<? super T, ? extends K> keyFn;
    private final AggregateTable<K, T, R> table;
    private final boolean completeMode;
    private final boolean perBatch;

    /**
     * @param name       the operator's id in the plan, for errors
     * @param keyFn      the grouping key of a record; it must not return {@code null}
     * @param table      the per-key results
     * @param mode       {@link OutputMode#UPDATE} or {@link OutputMode#COMPLETE}
     * @param microBatch whether update mode emits each changed key once per batch instead of per record
     */
    public RunningAggregate(String name, Function<? super T, ? extends K> keyFn, AggregateTable<K, T, R> table,
                            OutputMode mode, boolean microBatch) {
        this.name = name;
        this.keyFn = keyFn;
        this.table = table;
        this.completeMode = mode == OutputMode.COMPLETE;
        this.perBatch = microBatch && !completeMode;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<K, R>> out) {
        K key = GroupingKeys.keyOf(keyFn, value, name);
        if (completeMode || perBatch) {
            table.add(key, value);
        } else {
            table.addAndEmit(key, value, out);
        }
    }

    @Override
    public void onEpochEnd(long epoch, Output<KeyValue<K, R>> out) {
        if (completeMode || perBatch) {
            table.emitAll(perBatch, out);
        }
    }

    @Override
    public OperatorState state() {
        return table.state();
    }
}
