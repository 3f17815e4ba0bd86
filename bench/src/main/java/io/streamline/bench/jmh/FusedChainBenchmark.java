package io.streamline.bench.jmh;

import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.MapOperator;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The cost per record of a fused chain of {@code operators} per-record operators (ENGINE.md §2: a chain is
 * direct method calls on one thread, never a hop): {@link OperatorNode}s running identity
 * {@link MapOperator}s, ending in a blackhole. The user function does nothing and allocates nothing, so
 * time and {@code -prof gc} bytes per operation are the engine's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusedChainBenchmark {
    @Param({"1", "4", "16"})
    public int operators;

    private final Long value = 4_096L;
    private final Envelope meta = new Envelope();
    private Downstream head;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(Blackhole blackhole) {
        Downstream chain = new BlackholeDownstream(blackhole);
        for (int i = 0; i < operators; i++) {
            chain = OperatorNode.detached("map-" + i, context -> new MapOperator<>(v -> v), OutputMode.APPEND, chain);
        }
        head = chain;
        meta.setRecord(value, System.nanoTime(), RecordMeta.NO_EVENT_TIME, 0);
    }

    /** One record through the whole chain. */
    @Benchmark
    public void record() {
        head.onRecord(value, meta);
    }
}
