package io.streamline.engine.runtime;

import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.RecordPosition;
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
    /** The metadata the writer sees: the record's, plus its position at this sink partition. */
    private final PositionedMeta positioned;

    /**
     * @param sinkKey  identifies this sink partition to the coordinator
     * @param writer   the opened sink partition
     * @param latency  where latencies go (only this node writes to it), or {@code null} when another part of
     *                 the engine measures latency (micro-batch mode, where it runs to the batch's end)
     * @param listener receives the epoch acknowledgements
     * @param partition     the sink partition's number
     * @param firstEpoch    the epoch of the first record the partition will see
     * @param firstSequence the sequence of its first record: the count the last commit recorded, 0 for a new query
     */
    public SinkNode(String sinkKey, SinkWriter<Object> writer, LatencyRecorder latency, EpochListener listener,
                    int partition, long firstEpoch, long firstSequence) {
        this.sinkKey = sinkKey;
        this.writer = writer;
        this.latency = latency;
        this.listener = listener;
        this.positioned = new PositionedMeta(partition, firstEpoch, firstSequence);
    }

    /** This sink partition's key in acknowledgements. */
    public String sinkKey() {
        return sinkKey;
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        writer.write(value, positioned.next(meta));
        if (latency != null) {
            latency.record(System.nanoTime() - meta.ingestNanos());
        }
    }

    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        writer.writeKeyedLong(key, value, positioned.next(meta));
        if (latency != null) {
            latency.record(System.nanoTime() - meta.ingestNanos());
        }
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        listener.sinkPrepared(sinkKey, epoch, writer.prepare(epoch), positioned.sequence);
        positioned.epoch = epoch + 1;
    }

    @Override
    public void onEnd() {
        // End of input is handled by the query's lifecycle, which closes the writer.
    }

    /**
     * One preallocated object per sink partition (nothing allocated per record): the current record's metadata, read
     * through, and its position, counted here.
     */
    private static final class PositionedMeta implements RecordMeta, RecordPosition {
        private final int partition;
        private long epoch;
        /** The sequence the next record gets; after {@link #next}, the current record's plus one. */
        private long sequence;
        private RecordMeta record;
        private long current;

        PositionedMeta(int partition, long firstEpoch, long firstSequence) {
            this.partition = partition;
            this.epoch = firstEpoch;
            this.sequence = firstSequence;
        }

        RecordMeta next(RecordMeta meta) {
            record = meta;
            current = sequence++;
            return this;
        }

        @Override
        public long ingestNanos() {
            return record.ingestNanos();
        }

        @Override
        public long eventTime() {
            return record.eventTime();
        }

        @Override
        public long sourceOffset() {
            return record.sourceOffset();
        }

        @Override
        public RecordPosition position() {
            return this;
        }

        @Override
        public long epoch() {
            return epoch;
        }

        @Override
        public int partition() {
            return partition;
        }

        @Override
        public long sequence() {
            return current;
        }
    }

    /** Closes the writer, passing the query's failure if there was one. */
    public void close(Throwable error) {
        writer.close(error);
    }
}
