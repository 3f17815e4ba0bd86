package io.streamline.engine;

import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.TwoInputOperatorFactory;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.state.AggregateTable;
import io.streamline.engine.state.LongAggregateTable;
import io.streamline.engine.state.ObjectAggregateTable;
import io.streamline.engine.state.RunningAggregate;

import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A stream grouped by key, ready for a running aggregation. Aggregates are checkpointed with every epoch,
 * so after a crash they resume exactly where the last commit left them. Results are {@link KeyValue}s: in
 * {@code update} mode one per change in continuous mode (a key whose count goes 3, 4 within an epoch is emitted
 * twice) and one per changed key per batch in micro-batch mode, as Spark does ({@link OutputMode#UPDATE}); in
 * {@code complete} mode the whole table each epoch or batch. Keys must not be {@code null}: a key function that
 * returns {@code null} stops the query with an error naming the operator.
 *
 * @param <K> key type
 * @param <T> record type
 */
public final class KeyedStream<K, T> {
    private final DataStream<T> stream;
    private final Function<? super T, ? extends K> keyFn;

    KeyedStream(DataStream<T> stream, Function<? super T, ? extends K> keyFn) {
        this.stream = stream;
        this.keyFn = keyFn;
    }

    /** Number of records per key. */
    public DataStream<KeyValue<K, Long>> count() {
        return aggregate("count", LongAggregateTable::count);
    }

    /** Sum of {@code fn} over the records of each key. */
    public DataStream<KeyValue<K, Long>> sum(ToLongFunction<? super T> fn) {
        return aggregate("sum", () -> LongAggregateTable.sum(fn));
    }

    /** Records of each key combined with {@code reducer}, which must be associative. */
    public DataStream<KeyValue<K, T>> reduce(BinaryOperator<T> reducer) {
        return aggregate("reduce", () -> new ObjectAggregateTable<K, T, T>(v -> v, reducer));
    }

    /** The function records are grouped by. */
    public Function<? super T, ? extends K> keyFunction() {
        return keyFn;
    }

    /**
     * The keyed extension point, for the {@code operators} module's windows, deduplication and arbitrary state: an
     * operator that sees every record of a key, and keeps its state keyed by it (or says which part of its state's
     * key is the grouping key, {@link io.streamline.engine.operator.OperatorState#groupingKeyOf}), so that the
     * engine can split the keys over instances.
     *
     * @param name        the operator's name in plans and checkpoints
     * @param factory     creates the operator
     * @param aggregation whether it is a streaming aggregation, for the output-mode rules
     */
    public <R> DataStream<R> transform(String name, OperatorFactory<T, R> factory, boolean aggregation) {
        return transform(name, factory, aggregation ? OperatorTraits.runningAggregation() : OperatorTraits.plain());
    }

    /**
     * {@link #transform(String, OperatorFactory, boolean)} with the operator's output-mode rules spelled out: a
     * windowed aggregation allows append mode once its input has a watermark, {@code mapGroupsWithState} only update.
     */
    public <R> DataStream<R> transform(String name, OperatorFactory<T, R> factory, OperatorTraits traits) {
        @SuppressWarnings("unchecked") Function<Object, Object> key = (Function<Object, Object>) keyFn;
        return stream.withNode(new TransformNode(name, factory, traits, key, stream.node()));
    }

    /**
     * The keyed two-input extension point, for the {@code operators} module's stream-stream joins: an operator reading
     * this stream as its first input and {@code other} as its second, whose state is keyed by the key both inputs are
     * grouped by (its {@link io.streamline.engine.operator.OperatorState#groupingKeyOf} gives that key). With
     * parallelism above 1 it runs as that many instances, each input routed by key through the exchange, so that an
     * instance sees every record of both inputs for the keys it owns; its state is split into key groups like that of
     * every keyed operator.
     *
     * @param other  the second input, grouped by a key of the same type
     * @param name   the operator's name in plans and checkpoints
     * @param traits the operator's output-mode rules
     * @throws IllegalArgumentException if {@code other} belongs to another engine
     */
    public <U, R> DataStream<R> transformWith(KeyedStream<K, U> other, String name, TwoInputOperatorFactory<T, U, R> factory,
                                              OperatorTraits traits) {
        @SuppressWarnings("unchecked") Function<Object, Object> left = (Function<Object, Object>) keyFn;
        @SuppressWarnings("unchecked") Function<Object, Object> right = (Function<Object, Object>) other.keyFn;
        return stream.transformWith(other.stream, left, right, name, factory, traits);
    }

    /**
     * Applies a reusable piece of keyed pipeline, so that an operator library's windows or arbitrary state read as
     * part of the chain: {@code stream.groupByKey(k).via(Windows.tumbling("1 minute")).count()}.
     */
    public <R> R via(Function<KeyedStream<K, T>, R> extension) {
        return extension.apply(this);
    }

    private <R> DataStream<KeyValue<K, R>> aggregate(String name, Supplier<AggregateTable<K, T, R>> table) {
        return transform(name, context -> new RunningAggregate<>(context.operatorId(), keyFn, table.get(),
                context.outputMode(), context.microBatch()), true);
    }
}
