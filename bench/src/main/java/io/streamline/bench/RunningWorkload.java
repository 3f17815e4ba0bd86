package io.streamline.bench;

import io.streamline.engine.progress.StreamingQueryProgress;
import org.HdrHistogram.Histogram;

import java.util.List;

/** A workload under load, started by {@link Workload#start}: what the measurement reads while it runs. */
interface RunningWorkload extends AutoCloseable {
    /** Latencies (nanoseconds from intended send time) of every record delivered since the start, as a fresh copy. */
    Histogram latencyHistogram();

    /** Progress of recently committed epochs, oldest first; empty for a workload without epochs. */
    List<StreamingQueryProgress> recentProgress();

    /** The epoch interval in milliseconds, 0 for a workload without epochs. */
    long epochMillis();

    /** What runs on which thread, for the log. */
    String describe();

    /** Stops the load and every thread the workload started. */
    @Override
    void close();
}
