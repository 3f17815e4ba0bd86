package io.streamline.engine;

import io.streamline.engine.operator.FilterOperator;
import io.streamline.engine.operator.FlatMapFunction;
import io.streamline.engine.operator.FlatMapOperator;
import io.streamline.engine.operator.MapOperator;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.plan.UnionNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

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
        return transform("map", setup -> new MapOperator<T, R>(fn), false);
    }

    /** The records {@code predicate} accepts. */
    public DataStream<T> filter(Predicate<? super T> predicate) {
        return transform("filter", setup -> new FilterOperator<>(predicate), false);
    }

    /** Zero or more outputs per record, passed to the consumer the function receives. */
    public <R> DataStream<R> flatMap(FlatMapFunction<? super T, R> fn) {
        return transform("flatMap", setup -> new FlatMapOperator<T, R>(fn), false);
    }

    /** The records of this stream and of {@code others}; epochs are aligned across all inputs. */
    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... others) {
        List<PlanNode> inputs = new ArrayList<>();
        inputs.add(node);
        for (DataStream<T> other : others) {
            if (other.engine != engine) {
                throw new IllegalArgumentException("union of streams from different engines");
            }
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
     * The typed extension point: applies an operator the {@code operators} module (or the application)
     * provides, so user code still reads as one chain.
     *
     * @param name     the operator's name in plans
     * @param factory  creates the operator
     * @param stateful whether it keeps checkpointed state
     */
    public <R> DataStream<R> transform(String name, OperatorFactory<T, R> factory, boolean stateful) {
        return new DataStream<>(engine, new TransformNode(name, factory, stateful, false, node));
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
