package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.SinkLatency;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** The end of the pipeline: records each record's latency from its intended send time into {@link SinkLatency}. */
public final class LatencySink implements Sink<Stamped> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Stamped> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Stamped record, Context context) {
                SinkLatency.record(record.intendedNanos);
            }

            @Override
            public void flush(boolean endOfInput) {
                // Nothing is buffered.
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }
}
