package io.streamline.bench.jmh;

import io.streamline.bench.ValuePool;
import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamEngine;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The per-record cost of the session workload's operator: {@code groupByKey(...).via(Windows.session(1 s)).count()}
 * in append mode over pooled keys taken in turn, driven as the workload's event time advances
 * ({@link EventTimeDriver}: 100 records per millisecond, a marker with the watermark max - 1 s every 10,000 records,
 * which evicts and emits the sessions it closes). With 100,000 keys a key's records are exactly the 1 s gap apart, so
 * each record touches and widens its key's one session, which never closes; with 200,000 keys (the workload's
 * default) they are 2 s apart, so each record opens a session the watermark evicts. Keys are pooled, so the bytes per
 * operation {@code -prof gc} reports are the operator's own.
 *
 * <p>The operator is the one the planned stream's factory makes, so the benchmark measures whatever state
 * {@code count()} over sessions runs on: {@code bench/jmh.sh SessionWindowBenchmark -prof gc -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionWindowBenchmark {
    @Param({"100000", "200000"})
    public int keyCount;

    private ValuePool keys;
    private StreamEngine engine;
    private EventTimeDriver driver;

    @Setup
    public void setUp(Blackhole blackhole) throws ReflectiveOperationException {
        keys = new ValuePool(keyCount, i -> i);
        engine = StreamEngine.create();
        DataStream<Long> input = engine.readStream(new MemoryStream<Long>("session-bench"));
        DataStream<KeyValue<Windowed<Long>, Long>> counted = input.groupByKey(keys::at)
                .via(Windows.<Long, Long>session(Duration.ofSeconds(1))).count();
        driver = new EventTimeDriver(counted, "sessionWindow.count", OutputMode.APPEND, blackhole);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** One record added to its key's session; every 10,000th also closes an epoch, evicting the sessions it ends. */
    @Benchmark
    public void record() {
        driver.record(keys.at(driver.nextIndex()));
    }
}
