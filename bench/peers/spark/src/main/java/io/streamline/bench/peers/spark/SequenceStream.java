package io.streamline.bench.peers.spark;

import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.SparkDataStream;

/**
 * What the paced source's continuous and micro-batch streams share: offsets are record sequence numbers
 * starting at 0, and generated records need no clean-up on commit or stop.
 */
abstract class SequenceStream implements SparkDataStream {
    @Override
    public final Offset initialOffset() {
        return new SequenceOffset(0);
    }

    @Override
    public final Offset deserializeOffset(String json) {
        return SequenceOffset.parse(json);
    }

    @Override
    public final void commit(Offset end) {
        // Generated records need no clean-up.
    }

    @Override
    public final void stop() {
        // Continuous readers stop with their tasks; nothing runs between micro-batches.
    }
}
