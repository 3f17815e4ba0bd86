package io.streamline.engine.runtime;

import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.sink.SinkWriter;

/**
 * The end of a chain: writes records to one sink partition, records their end-to-end latency, and on each epoch
 * marker prepares the partition's output and acknowledges the epoch with it.
 */
public final class SinkNode implements Downstream {
    private final String sinkKey;
    private final SinkWriter<Object> writer;
    private final LatencyRecorder latency;
    private final EpochListener listener;

    /**
     * @param sinkKey  identifies this sink partition to the coordinator
     * @param writer   the opened sink partition
     * @param latency  where latencies go (only this node writes to it), or {@code null} when another part of
     *                 the engine measures latency (micro-batch mode, where it runs to the batch's end)
     * @param listener receives the epoch acknowledgements
     */
    public SinkNode(String sinkKey, SinkWriter<Object> writer, LatencyRecorder latency, EpochListener listener) {
        this.sinkKey = sinkKey;
        this.writer = writer;
        this.latency = latency;
        this.listener = listener;
    }

    /** This sink partition's key in acknowledgements. */
    public String sinkKey() {
        return sinkKey;
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        writer.write(value, meta);
        if (latency != null) {
            latency.record(System.nanoTime() - meta.ingestNanos());
        }
    }

    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        writer.writeKeyedLong(key, value, meta);
        if (latency != null) {
            latency.record(System.nanoTime() - meta.ingestNanos());
        }
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        listener.sinkPrepared(sinkKey, epoch, writer.prepare(epoch), watermark);
    }

    @Override
    public void onEnd() {
        // End of input is handled by the query's lifecycle, which closes the writer.
    }

    /** Closes the writer, passing the query's failure if there was one. */
    public void close(Throwable error) {
        writer.close(error);
    }
}
