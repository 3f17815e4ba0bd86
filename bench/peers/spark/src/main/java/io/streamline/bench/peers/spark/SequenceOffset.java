package io.streamline.bench.peers.spark;

import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.PartitionOffset;

/**
 * A position in the generated sequence: the number of the next record. It serves as the stream's offset
 * (written to Spark's offset log as that number) and, in continuous mode, as the one partition's offset.
 */
final class SequenceOffset extends Offset implements PartitionOffset {
    private static final long serialVersionUID = 1L;

    private final long next;

    SequenceOffset(long next) {
        this.next = next;
    }

    /** Reads what {@link #json()} wrote. */
    static SequenceOffset parse(String json) {
        return new SequenceOffset(Long.parseLong(json.strip()));
    }

    /** Number of the next record. */
    long next() {
        return next;
    }

    @Override
    public String json() {
        return Long.toString(next);
    }
}
