package io.streamline.bench.peers;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where a peer's sink records each record's latency: {@link System#nanoTime()} at the sink minus the
 * record's intended send time. It is JVM-wide because the peers deserialize their own copies of the sink
 * function into task threads; both run their tasks in this JVM (Flink's MiniCluster, Spark's local master),
 * so a static is the one channel between a sink copy and the thread that measures. The recorder is
 * lock-free on the writer side, so the measuring thread never stalls a sink.
 */
public final class SinkLatency {
    /** Three significant digits, the resolution of the engine's own histograms. */
    private static final Recorder RECORDER = new Recorder(3);

    private SinkLatency() {
    }

    /** Records the latency of a record that was due at {@code intendedNanos}. */
    public static void record(long intendedNanos) {
        // A record is never delivered before it is due; max() only keeps a clock quirk from throwing.
        RECORDER.recordValue(Math.max(0, System.nanoTime() - intendedNanos));
    }

    /** The latencies recorded since the previous call (nanoseconds), and a fresh interval from now. */
    public static Histogram interval() {
        return RECORDER.getIntervalHistogram();
    }
}
