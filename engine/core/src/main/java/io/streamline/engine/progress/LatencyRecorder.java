package io.streamline.engine.progress;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * End-to-end latency of one sink: the sink's thread records {@code now - ingest} for every record
 * (wait-free, no allocation); the coordinator swaps out the interval histogram once per epoch.
 */
public final class LatencyRecorder {
    /** Latencies above this are recorded as this: one hour, far beyond anything but a stuck query. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, 3);
    private Histogram recycled;

    /** Records one latency in nanoseconds. Only the sink's thread may call this. */
    public void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_TRACKABLE_NANOS));
    }

    /**
     * Records, for every value {@code w} in {@code waits}, the latency {@code w + shift}: a micro-batch records
     * each record's wait before its batch started, then adds the batch's duration once at the end.
     * Only the recording thread may call this.
     */
    public void recordShifted(Histogram waits, long shift) {
        for (HistogramIterationValue v : waits.recordedValues()) {
            long nanos = Math.min(Math.max(v.getValueIteratedTo() + shift, 1), HIGHEST_TRACKABLE_NANOS);
            recorder.recordValueWithCount(nanos, v.getCountAtValueIteratedTo());
        }
    }

    /** Adds everything recorded since the previous call to {@code into}. One reader thread at a time. */
    public synchronized void drainInto(Histogram into) {
        recycled = recorder.getIntervalHistogram(recycled);
        into.add(recycled);
    }

    /** A histogram sized like the recorder's, to drain into. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, 3);
    }
}
