package io.streamline.bench.jmh;

import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.MarkerAligner;
import io.streamline.engine.runtime.MergingHead;
import io.streamline.engine.runtime.WatermarkMerge;
import io.streamline.engine.runtime.RecordRing;
import io.streamline.engine.runtime.RingInput;
import io.streamline.engine.runtime.RingPublisher;
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
 * The cost of one ring hop at a task boundary, without the thread hand-off: one thread publishes a record
 * through {@link RingPublisher} into a {@link RecordRing} and polls it back out through {@link RingInput}
 * (which delivers the ring slot itself as the record's metadata). Compared against the fused chain: a hop
 * should cost tens of nanoseconds and allocate nothing; across two threads add the cache-line transfer
 * (~0.3 µs here, MEASURED.md) and the consumer's wake-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingHopBenchmark {
    private final Long value = 4_096L;
    private final Envelope meta = new Envelope();
    private RingPublisher publisher;
    private RingInput input;
    private long count = 1L << 20; // beyond the Long cache, so a boxed count would allocate

    @Setup
    public void setUp(Blackhole blackhole) {
        RecordRing ring = new RecordRing("bench", EngineConfig.DEFAULT_RING_SIZE);
        BlackholeDownstream chain = new BlackholeDownstream(blackhole);
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("upstream", false, 0);
        input = new RingInput(ring, 0, new MarkerAligner(1, new MergingHead(chain, merge)), chain);
        publisher = new RingPublisher(ring, () -> true);
        meta.setRecord(value, System.nanoTime(), RecordMeta.NO_EVENT_TIME, 0);
    }

    /** One record in and out: publish, then poll it through to the chain. */
    @Benchmark
    public int publishThenPoll() {
        publisher.onRecord(value, meta);
        return input.poll(1);
    }

    /**
     * A running count's result in and out, unboxed ({@code Downstream.onKeyedLong}): the key and a changing
     * {@code long} cross in the slot's fields, so the hop allocates no row and no {@code Long} (0 B/op with
     * {@code -prof gc}; before the slot had a long field it was a {@code KeyValue} and a {@code Long} per record).
     */
    @Benchmark
    public int keyedLongPublishThenPoll() {
        publisher.onKeyedLong(value, ++count, meta);
        return input.poll(1);
    }
}
