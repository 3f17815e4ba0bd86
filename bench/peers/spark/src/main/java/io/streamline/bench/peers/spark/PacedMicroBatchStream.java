package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.OpenLoopSchedule;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * The generator for Spark's micro-batch triggers. The schedule starts when the query creates the stream;
 * each batch ends at the records due when Spark asks for the latest offset, and its reader emits them with
 * their intended send times, all of which have already passed. So a record's latency includes the time it
 * waited for its batch, as it would with a real source.
 */
final class PacedMicroBatchStream extends SequenceStream implements MicroBatchStream {
    private final OpenLoopSchedule schedule;

    PacedMicroBatchStream(long ratePerSecond) {
        this.schedule = new OpenLoopSchedule(System.nanoTime(), ratePerSecond);
    }

    /** Records {@code from .. to - 1} of the schedule (Spark serializes it to the task; same JVM, same clock). */
    private record Partition(OpenLoopSchedule schedule, long from, long to) implements InputPartition {
    }

    @Override
    public Offset latestOffset() {
        return new SequenceOffset(schedule.dueBy(System.nanoTime()));
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        return new InputPartition[] {
            new Partition(schedule, ((SequenceOffset) start).next(), ((SequenceOffset) end).next())};
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return partition -> new Reader((Partition) partition);
    }


    /** Emits a batch's records; Spark may reuse what {@link #get()} returns until the next call, so one row is reused. */
    private static final class Reader implements PartitionReader<InternalRow> {
        private final Partition partition;
        private final GenericInternalRow row = new GenericInternalRow(PacedSourceProvider.SCHEMA.size());
        private long next;

        Reader(Partition partition) {
            this.partition = partition;
            this.next = partition.from();
        }

        @Override
        public boolean next() {
            if (next == partition.to()) {
                return false;
            }
            row.setLong(0, partition.schedule().dueNanos(next));
            row.setLong(1, next);
            next++;
            return true;
        }

        @Override
        public InternalRow get() {
            return row;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
