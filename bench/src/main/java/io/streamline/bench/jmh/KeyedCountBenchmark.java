package io.streamline.bench.jmh;

import io.streamline.bench.ValuePool;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import io.streamline.engine.state.LongAggregateTable;
import io.streamline.engine.state.RunningAggregate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The per-record cost of the keyed-count workload's operator: {@code groupByKey(...).count()} in update
 * mode over 1,000 pooled keys, run by an {@link OperatorNode} into a blackhole. Keys and values are pooled,
 * so the bytes per operation {@code -prof gc} reports are what the running count itself allocates per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyedCountBenchmark {
    private static final int KEYS = 1_000;

    private final ValuePool values = new ValuePool(4_096, i -> i);
    private final Envelope meta = new Envelope();
    private OperatorNode count;
    private long next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(Blackhole blackhole) {
        ValuePool keys = new ValuePool(KEYS, i -> i);
        // The operator KeyedStream.count() plans.
        Operator<?, ?> counter = new RunningAggregate<Long, Long, Long>("count", keys::at, LongAggregateTable.count(),
                OutputMode.UPDATE, false);
        // The planner runs every operator type-erased, as here.
        count = OperatorNode.detached("count", context -> (Operator<Object, Object>) counter, OutputMode.UPDATE, new BlackholeDownstream(blackhole));
    }

    /** One record counted and its updated count emitted. */
    @Benchmark
    public void record() {
        Long value = values.at(next++);
        meta.setRecord(value, 0, RecordMeta.NO_EVENT_TIME, next);
        count.onRecord(value, meta);
    }
}
