package io.streamline.engine;

import io.streamline.engine.operator.FilterOperator;
import io.streamline.engine.operator.FlatMapFunction;
import io.streamline.engine.operator.FlatMapOperator;
import io.streamline.engine.operator.MapOperator;
import io.streamline.engine.config.Durations;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.TwoInputOperatorFactory;
import io.streamline.engine.plan.BinaryNode;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.plan.UnionNode;
import io.streamline.engine.plan.WatermarkNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A typed, unbounded stream: the fluent API user code is written in. Each call adds to the logical plan;
 * nothing runs until {@code writeStream().start()}. Per-record operators ({@code map}, {@code filter},
 * {@code flatMap}) are fused into one loop with their neighbours, so chaining them is cheap. Functions run on
 * engine threads; with several source partitions the same function runs on several threads at once.
 *
 * @param <T> the record type
 */
public final class DataStream<T> {
    private final StreamEngine engine;
    private final PlanNode node;

    DataStream(StreamEngine engine, PlanNode node) {
        this.engine = engine;
        this.node = node;
    }

    /** One output per record. */
    public <R> DataStream<R> map(Function<? super T, ? extends R> fn) {
        return transform("map", context -> new MapOperator<T, R>(fn));
    }

    /** The records {@code predicate} accepts. */
    public DataStream<T> filter(Predicate<? super T> predicate) {
        return transform("filter", context -> new FilterOperator<>(predicate));
    }

    /** Zero or more outputs per record, passed to the consumer the function receives. */
    public <R> DataStream<R> flatMap(FlatMapFunction<? super T, R> fn) {
        return transform("flatMap", context -> new FlatMapOperator<T, R>(fn));
    }

    /** The records of this stream and of {@code others}; epochs are aligned across all inputs. */
    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... others) {
        List<PlanNode> inputs = new ArrayList<>();
        inputs.add(node);
        for (DataStream<T> other : others) {
            requireSameEngine("union", other);
            inputs.add(other.node);
        }
        return new DataStream<>(engine, new UnionNode(inputs));
    }

    /** Groups records by key for a running aggregation, as Spark's {@code groupByKey}. */
    public <K> KeyedStream<K, T> groupByKey(Function<? super T, ? extends K> keyFn) {
        return new KeyedStream<>(this, keyFn);
    }

    /** Alias of {@link #groupByKey}, as in the DStream and Flink APIs. */
    public <K> KeyedStream<K, T> keyBy(Function<? super T, ? extends K> keyFn) {
        return groupByKey(keyFn);
    }

    /**
     * Event time and a watermark, as Spark's {@code withWatermark}: {@code eventTimeMillis} gives each record's event
     * time (epoch milliseconds), and the stream's watermark is the largest event time seen (over all partitions)
     * minus {@code delay}. The watermark advances only at epoch boundaries (continuous) or between batches
     * (micro-batch); stateful operators downstream drop rows at or below it and evict state it completes.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public DataStream<T> withWatermark(ToLongFunction<? super T> eventTimeMillis, Duration delay) {
        @SuppressWarnings("unchecked") ToLongFunction<Object> fn = (ToLongFunction<Object>) eventTimeMillis;
        return new DataStream<>(engine, new WatermarkNode(fn, delayMillis(delay), node));
    }

    /** {@link #withWatermark(ToLongFunction, Duration)} with the delay written as in Spark, e.g. {@code "10 minutes"}. */
    public DataStream<T> withWatermark(ToLongFunction<? super T> eventTimeMillis, String delay) {
        return withWatermark(eventTimeMillis, Durations.parse("withWatermark delay", delay));
    }

    /** A watermark over the event times the source stamps on its records (e.g. {@code rate}'s timestamp). */
    public DataStream<T> withWatermark(Duration delay) {
        return new DataStream<>(engine, new WatermarkNode(null, delayMillis(delay), node));
    }

    /** {@link #withWatermark(Duration)} with the delay written as in Spark, e.g. {@code "10 seconds"}. */
    public DataStream<T> withWatermark(String delay) {
        return withWatermark(Durations.parse("withWatermark delay", delay));
    }

    private static long delayMillis(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("withWatermark delay must not be negative, got " + delay);
        }
        return delay.toMillis();
    }

    /**
     * The typed extension point: applies an operator the {@code operators} module (or the application) provides,
     * so user code still reads as one chain. Whether the operator keeps checkpointed state is its own to say
     * ({@code state()}, or timers from its context): a stateful operator runs as one instance that sees every
     * record, a stateless one fused into every instance of its input.
     *
     * @param name    the operator's name in plans and checkpoints
     * @param factory creates the operator
     */
    public <R> DataStream<R> transform(String name, OperatorFactory<T, R> factory) {
        return new DataStream<>(engine, new TransformNode(name, factory, OperatorTraits.plain(), null, node));
    }

    /**
     * The two-input extension point (joins, {@code cogroup}): an operator reading this stream as its first input and
     * {@code other} as its second, run as one instance that aligns both inputs' epochs. An operator whose state is
     * keyed by a key both inputs have runs in parallel instead: {@link KeyedStream#transformWith}.
     *
     * @throws IllegalArgumentException if {@code other} belongs to another engine
     */
    public <U, R> DataStream<R> transformWith(DataStream<U> other, String name, TwoInputOperatorFactory<T, U, R> factory) {
        return transformWith(other, name, factory, OperatorTraits.plain());
    }

    /**
     * {@link #transformWith(DataStream, String, TwoInputOperatorFactory)} for an operator with output-mode rules of
     * its own (a stream-stream join refuses update mode, an outer join needs watermarks on both inputs), checked at
     * {@code start()}.
     *
     * @throws IllegalArgumentException if {@code other} belongs to another engine
     */
    public <U, R> DataStream<R> transformWith(DataStream<U> other, String name, TwoInputOperatorFactory<T, U, R> factory,
                                              OperatorTraits traits) {
        return transformWith(other, null, null, name, factory, traits);
    }

    /** A two-input operator, keyed by {@code leftKey} and {@code rightKey} or by nothing (both {@code null}). */
    <U, R> DataStream<R> transformWith(DataStream<U> other, Function<Object, Object> leftKey, Function<Object, Object> rightKey,
                                       String name, TwoInputOperatorFactory<T, U, R> factory, OperatorTraits traits) {
        requireSameEngine(name, other);
        return new DataStream<>(engine, new BinaryNode(name, factory, traits, leftKey, rightKey, node, other.node));
    }

    /**
     * {@link #transform(String, OperatorFactory)} for an operator with output-mode rules of its own (deduplication
     * accepts every mode but is no aggregation), checked at {@code start()}.
     */
    public <R> DataStream<R> transform(String name, OperatorFactory<T, R> factory, OperatorTraits traits) {
        return new DataStream<>(engine, new TransformNode(name, factory, traits, null, node));
    }

    private void requireSameEngine(String operation, DataStream<?> other) {
        if (other.engine != engine) {
            throw new IllegalArgumentException(operation + " of streams from different engines: both must come from the"
                    + " same StreamEngine's readStream()");
        }
    }

    /** Applies a reusable piece of pipeline: {@code stream.via(Dedup.by(...))} reads as part of the chain. */
    public <R> R via(Function<DataStream<T>, R> extension) {
        return extension.apply(this);
    }

    /** Starts describing where the results go. */
    public DataStreamWriter<T> writeStream() {
        return new DataStreamWriter<>(engine, node);
    }

    /** The engine this stream belongs to. */
    public StreamEngine engine() {
        return engine;
    }

    PlanNode node() {
        return node;
    }

    <R> DataStream<R> withNode(PlanNode next) {
        return new DataStream<>(engine, next);
    }
}
