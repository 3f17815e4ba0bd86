package io.streamline.engine;

import io.streamline.engine.operator.OperatorFactory;
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
 * so after a crash they resume exactly where the last commit left them. Results are {@link KeyValue}s, emitted
 * per change in {@code update} mode or as the whole table each epoch in {@code complete} mode.
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

    private <R> DataStream<KeyValue<K, R>> aggregate(String name, Supplier<AggregateTable<K, T, R>> table) {
        OperatorFactory<T, KeyValue<K, R>> factory =
                setup -> new RunningAggregate<>(setup.operatorId(), keyFn, table.get(), setup.outputMode(), setup.microBatch());
        return stream.withNode(new TransformNode(name, factory, true, true, stream.node()));
    }
}
