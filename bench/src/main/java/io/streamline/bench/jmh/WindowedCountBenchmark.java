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
import java.util.function.Function;

/**
 * The per-record cost of the windowed-count workload's operator: {@code groupByKey(...).via(Windows...).count()} in
 * continuous update mode over 10,000 pooled keys, driven as the workload's event time advances
 * ({@link EventTimeDriver}: 100 records per millisecond, a marker with the watermark max - 1 s every 10,000 records)
 * so windows keep opening and being evicted. Each record's changed windows are emitted
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

    @Param({"tumbling", "sliding"})
    public String windows;

    private final ValuePool keys = new ValuePool(KEYS, i -> i);
    private StreamEngine engine;
    private EventTimeDriver driver;

    @Setup
    public void setUp(Blackhole blackhole) throws ReflectiveOperationException {
        engine = StreamEngine.create();
        DataStream<Long> input = engine.readStream(new MemoryStream<Long>("windowed-count-bench"));
        Function<io.streamline.engine.KeyedStream<Long, Long>, io.streamline.operators.window.WindowedStream<Long, Long>> cut =
                windows.equals("tumbling") ? Windows.tumbling(Duration.ofSeconds(5))
                        : Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5));
        DataStream<KeyValue<Windowed<Long>, Long>> counted = input.groupByKey(keys::at).via(cut).count();
        driver = new EventTimeDriver(counted, "window.count", OutputMode.UPDATE, blackhole);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** One record counted into its windows and their updated counts emitted; every 10,000th also closes an epoch. */
    @Benchmark
    public void record() {
        driver.record(keys.at(driver.nextIndex()));
    }
}
