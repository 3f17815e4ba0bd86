package io.streamline.bench.jmh;

import io.streamline.bench.ValuePool;
import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.window.Windowed;
import io.streamline.operators.window.Windows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The per-record cost of the windowed-count workload's operator: {@code groupByKey(...).via(Windows...).count()} in
 * continuous update mode over 10,000 pooled keys, run by an {@link OperatorNode} into a blackhole, with event time
 * advancing as in the workload (100 records per millisecond, 100,000 rec/s of event time) so windows keep opening
 * and being evicted. Every 10,000 records (100 ms of event time) an epoch marker carries the watermark (max event
 * time - 1 s) and the epoch's state changes are taken and released as the checkpointer would hand them to its writer
 * (the writer's encoding, on its own thread in a query, is not measured). Each record's changed windows are emitted
 * (1 for {@code tumbling}: 5 s windows; 2 for {@code sliding}: 10 s windows every 5 s). Keys and values are pooled,
 * so the bytes per operation {@code -prof gc} reports are what the windowed count allocates per record, evictions
 * and markers included.
 *
 * <p>The operator is the one {@link io.streamline.operators.window.WindowedStream#count()} plans (its factory taken
 * from the planned stream), so the benchmark measures whatever path that method chooses. Forks and iterations are
 * given on the command line: {@code bench/jmh.sh WindowedCountBenchmark -prof gc -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowedCountBenchmark {
    private static final int KEYS = 10_000;
    /** Records per millisecond of event time: the workload's 100,000 rec/s. */
    private static final long RECORDS_PER_MILLI = 100;
    /** Records per epoch: 100 ms of event time. */
    private static final long RECORDS_PER_EPOCH = 100 * RECORDS_PER_MILLI;
    private static final long WATERMARK_DELAY_MILLIS = 1_000;

    @Param({"tumbling", "sliding"})
    public String windows;

    private final ValuePool keys = new ValuePool(KEYS, i -> i);
    private final Envelope meta = new Envelope();
    private StreamEngine engine;
    private Operator<Object, Object> operator;
    private OperatorNode count;
    private long next;
    private long epoch;

    @Setup
    public void setUp(Blackhole blackhole) throws ReflectiveOperationException {
        engine = StreamEngine.create();
        DataStream<Long> input = engine.readStream(new MemoryStream<Long>("windowed-count-bench"));
        Function<io.streamline.engine.KeyedStream<Long, Long>, io.streamline.operators.window.WindowedStream<Long, Long>> cut =
                windows.equals("tumbling") ? Windows.tumbling(Duration.ofSeconds(5))
                        : Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5));
        DataStream<KeyValue<Windowed<Long>, Long>> counted = input.groupByKey(keys::at).via(cut).count();
        @SuppressWarnings("unchecked")
        OperatorFactory<Object, Object> factory = (OperatorFactory<Object, Object>) plannedFactory(counted);
        count = OperatorNode.detached("window.count", context -> operator = factory.create(context), OutputMode.UPDATE,
                new BlackholeDownstream(blackhole));
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** One record counted into its windows and their updated counts emitted; every 10,000th also closes an epoch. */
    @Benchmark
    public void record() {
        long i = next++;
        Long value = keys.at(i);
        long eventTime = i / RECORDS_PER_MILLI;
        meta.setRecord(value, 0, eventTime, i);
        count.onRecord(value, meta);
        if ((i + 1) % RECORDS_PER_EPOCH == 0) {
            count.onEpochMarker(epoch++, eventTime - WATERMARK_DELAY_MILLIS);
            StateChanges changes = operator.state().takeChanges();
            if (changes != null) {
                changes.release();
            }
        }
    }

    /** The factory of the operator that planned {@code stream}: {@code DataStream.node()} is package-private. */
    private static OperatorFactory<?, ?> plannedFactory(DataStream<?> stream) throws ReflectiveOperationException {
        Method node = DataStream.class.getDeclaredMethod("node");
        node.setAccessible(true);
        return ((TransformNode) node.invoke(stream)).factory();
    }
}
