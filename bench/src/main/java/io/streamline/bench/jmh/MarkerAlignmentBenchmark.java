package io.streamline.bench.jmh;

import io.streamline.engine.runtime.MarkerAligner;
import io.streamline.engine.runtime.MergingHead;
import io.streamline.engine.runtime.WatermarkMerge;
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
 * The cost of aligning one epoch across the two inputs of a fan-in task with {@link MarkerAligner}: the
 * first input's marker holds it, the second's releases both and sends the marker downstream once, with
 * the hold checks a task makes before polling each input. Runs once per epoch per fan-in, so it only has
 * to be cheap and allocation-free, not fast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MarkerAlignmentBenchmark {
    private MarkerAligner aligner;
    private long epoch;

    @Setup
    public void setUp(Blackhole blackhole) {
        WatermarkMerge merge = new WatermarkMerge();
        merge.addInput("left", false, 0);
        merge.addInput("right", false, 0);
        aligner = new MarkerAligner(2, new MergingHead(new BlackholeDownstream(blackhole), merge));
    }

    /** One epoch aligned: marker on input 0 (held), marker on input 1 (released, emitted). */
    @Benchmark
    public boolean alignOneEpoch() {
        aligner.onMarker(0, epoch, epoch);
        boolean held = aligner.isHeld(0);
        aligner.onMarker(1, epoch, epoch + 1);
        epoch++;
        return held & !aligner.isHeld(1);
    }
}
