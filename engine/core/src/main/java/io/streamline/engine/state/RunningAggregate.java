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
    /** Longest record text quoted in the null-key error. */
    private static final int QUOTED_RECORD_CHARS = 200;

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
        K key = keyFn.apply(value);
        if (key == null) {
            throw nullKey(value);
        }
        R next = table.add(key, value);
        if (!completeMode && !perBatch) {
            out.emit(new KeyValue<>(key, next));
        }
    }

    private IllegalArgumentException nullKey(T value) {
        String record = String.valueOf(value);
        if (record.length() > QUOTED_RECORD_CHARS) {
            record = record.substring(0, QUOTED_RECORD_CHARS) + "...";
        }
        return new IllegalArgumentException("The groupByKey key function of operator " + name + " returned null for the"
                + " record " + record + "; keys must not be null: map a missing key to a value of its own, e.g. \"\" or -1");
    }

    @Override
    public void onEpochEnd(long epoch, Output<KeyValue<K, R>> out) {
        if (completeMode) {
            table.forEach((k, v) -> out.emit(new KeyValue<>(k, v)));
        } else if (perBatch) {
            table.forEachChanged((k, v) -> out.emit(new KeyValue<>(k, v)));
        }
    }

    @Override
    public OperatorState state() {
        return table.state();
    }
}
