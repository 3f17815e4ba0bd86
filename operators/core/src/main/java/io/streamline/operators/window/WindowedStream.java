package io.streamline.operators.window;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.KeyedStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorTraits;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A keyed stream cut into event-time windows, ready for an aggregation. Results are {@code KeyValue}s keyed by
 * {@link Windowed} (grouping key, window start and end), and follow Spark's output modes:
 * <ul>
 *   <li>{@code append}: a window's row is emitted once, when the watermark reaches its end; needs a watermark.</li>
 *   <li>{@code update}: changed rows; per change in continuous mode, once per changed window per batch in
 *       micro-batch mode. Not for session windows, as in Spark.</li>
 *   <li>{@code complete}: every window each epoch or batch; late rows are never dropped and state is never
 *       evicted.</li>
 * </ul>
 * In append and update mode a record is dropped for each of its windows whose end is at or below the watermark
 * (counted as {@code numRowsDroppedByWatermark}, one per window row), and a window's state is evicted once the
 * watermark reaches its end.
 *
 * @param <K> grouping key type
 * @param <T> record type
 */
public final class WindowedStream<K, T> {
    private final KeyedStream<K, T> keyed;
    private final WindowSpec<T> spec;

    WindowedStream(KeyedStream<K, T> keyed, WindowSpec<T> spec) {
        this.keyed = keyed;
        this.spec = spec;
    }

    /**
     * Records per key and window. Over tumbling and sliding windows the count is kept unboxed (a {@code long} per key
     * and window, rows emitted without a {@code KeyValue} or {@code Long} per record where the chain takes them so);
     * {@code agg(Aggregators.count())} gives the same results on the general state.
     */
    public DataStream<KeyValue<Windowed<K>, Long>> count() {
        return longAgg("count", t -> 1L, Aggregators.count());
    }

    /** Sum of {@code fn} per key and window; unboxed over tumbling and sliding windows, as {@link #count()}. */
    public DataStream<KeyValue<Windowed<K>, Long>> sum(ToLongFunction<? super T> fn) {
        return longAgg("sum", fn, Aggregators.sum(fn));
    }

    /** Average of {@code fn} per key and window. */
    public DataStream<KeyValue<Windowed<K>, Double>> avg(ToDoubleFunction<? super T> fn) {
        return agg("avg", Aggregators.avg(fn));
    }

    /** Smallest {@code fn} per key and window. */
    public <C extends Comparable<? super C>> DataStream<KeyValue<Windowed<K>, C>> min(Function<? super T, ? extends C> fn) {
        return agg("min", Aggregators.min(fn));
    }

    /** Largest {@code fn} per key and window. */
    public <C extends Comparable<? super C>> DataStream<KeyValue<Windowed<K>, C>> max(Function<? super T, ? extends C> fn) {
        return agg("max", Aggregators.max(fn));
    }

    /** Records per key and window combined with {@code reducer}, which must be associative. */
    public DataStream<KeyValue<Windowed<K>, T>> reduce(BinaryOperator<T> reducer) {
        return agg("reduce", Aggregators.reduce(reducer));
    }

    /** Several aggregates per key and window at once; the result lists them in the order given. */
    @SafeVarargs
    public final DataStream<KeyValue<Windowed<K>, List<Object>>> agg(Aggregator<? super T, ?, ?>... aggregators) {
        return agg("agg", Aggregators.all(aggregators));
    }

    /** Any aggregate function per key and window. */
    public <A, R> DataStream<KeyValue<Windowed<K>, R>> agg(Aggregator<? super T, A, R> aggregator) {
        return agg("agg", aggregator);
    }

    /**
     * A count or sum ({@code addend} per record and window): over fixed windows on unboxed state
     * ({@link LongWindowState}, which allocates nothing per record), over sessions as {@code general}.
     */
    private DataStream<KeyValue<Windowed<K>, Long>> longAgg(String name, ToLongFunction<? super T> addend,
                                                            Aggregator<? super T, Long, Long> general) {
        if (spec instanceof WindowSpec.Sliding<T> sliding) {
            return fixed(name, sliding, rules -> new LongWindowState<>(rules, addend));
        }
        return agg(name, general);
    }

    private <A, R> DataStream<KeyValue<Windowed<K>, R>> agg(String name, Aggregator<? super T, A, R> aggregator) {
        if (spec instanceof WindowSpec.Sliding<T> sliding) {
            return fixed(name, sliding, rules -> new WindowState<>(rules, aggregator));
        }
        Function<? super T, ? extends K> keyFn = keyed.keyFunction();
        WindowSpec.Session<T> session = (WindowSpec.Session<T>) spec;
        return keyed.transform("sessionWindow." + name,
                context -> new SessionAggregate<K, T, R>(session, new SessionState<>(new WindowRules<>(context, keyFn), aggregator)),
                traits().refuse(OutputMode.UPDATE, "Update output mode not supported for session window aggregations, as in"
                        + " Spark: a record may merge sessions, so rows would disappear; use outputMode(\"append\") with a"
                        + " watermark, or outputMode(\"complete\")"));
    }

    /** Tumbling or sliding windows, their state made by {@code store} (the operator's name stays {@code window.<name>}). */
    private <R> DataStream<KeyValue<Windowed<K>, R>> fixed(String name, WindowSpec.Sliding<T> sliding,
                                                           Function<WindowRules<K, T>, WindowStore<K, T, R>> store) {
        Function<? super T, ? extends K> keyFn = keyed.keyFunction();
        return keyed.transform("window." + name,
                context -> new WindowAggregate<K, T, R>(sliding, store.apply(new WindowRules<>(context, keyFn))), traits());
    }

    private static OperatorTraits traits() {
        return OperatorTraits.aggregation().refuseWithoutWatermark(OutputMode.APPEND, "Append output mode not supported for"
                + " a windowed aggregation without a watermark: a window's row is appended once the watermark passes its"
                + " end, so call withWatermark(eventTimeFn, delay) before groupByKey, or use outputMode(\"update\") or"
                + " outputMode(\"complete\")");
    }
}
