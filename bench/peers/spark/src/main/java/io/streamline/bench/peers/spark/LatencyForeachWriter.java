package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.SinkLatency;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;

/** The end of the pipeline, in both trigger modes: records each row's latency from its intended send time. */
final class LatencyForeachWriter extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean open(long partitionId, long epochId) {
        return true;
    }

    @Override
    public void process(Row row) {
        SinkLatency.record(row.getLong(0));
    }

    @Override
    public void close(Throwable errorOrNull) {
        // Nothing to flush.
    }
}
