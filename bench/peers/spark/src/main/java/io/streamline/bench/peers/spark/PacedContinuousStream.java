package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.OpenLoopSchedule;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReader;
import org.apache.spark.sql.connector.read.streaming.ContinuousPartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.ContinuousStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.PartitionOffset;

/**
 * The generator for Spark's continuous trigger: one partition whose reader runs for the whole query and
 * spins on {@link System#nanoTime()} until each record is due. (Spark's built-in {@code rate} source cannot
 * pace above 1,000 rows/s per partition in continuous mode, see MEASURED.md.)
 */
final class PacedContinuousStream extends SequenceStream implements ContinuousStream {
    private final long ratePerSecond;

    PacedContinuousStream(long ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    /** The one partition: where it starts. Spark serializes it to the task. */
    private record Partition(long ratePerSecond, long first) implements InputPartition {
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start) {
        return new InputPartition[] {new Partition(ratePerSecond, ((SequenceOffset) start).next())};
    }

    @Override
    public ContinuousPartitionReaderFactory createContinuousReaderFactory() {
        return partition -> new Reader((Partition) partition);
    }

    @Override
    public Offset mergeOffsets(PartitionOffset[] offsets) {
        return (SequenceOffset) offsets[0];
    }


    /**
     * Emits record after record, each when due. The schedule starts when the reader is opened; a reader
     * restarted at a later offset starts a fresh schedule there. Spark copies each row off the reader
     * thread, so one mutable row is reused.
     */
    private static final class Reader implements ContinuousPartitionReader<InternalRow> {
        private final OpenLoopSchedule schedule;
        private final long first;
        private final GenericInternalRow row = new GenericInternalRow(PacedSourceProvider.SCHEMA.size());
        private long next;

        Reader(Partition partition) {
            this.schedule = new OpenLoopSchedule(System.nanoTime(), partition.ratePerSecond());
            this.first = partition.first();
            this.next = first;
        }

        @Override
        public boolean next() {
            row.setLong(0, schedule.awaitDue(next - first));
            row.setLong(1, next);
            next++;
            return true;
        }

        @Override
        public InternalRow get() {
            return row;
        }

        @Override
        public PartitionOffset getOffset() {
            return new SequenceOffset(next);
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
