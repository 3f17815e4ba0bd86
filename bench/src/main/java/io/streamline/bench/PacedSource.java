package io.streamline.bench;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.source.SourceOutput;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;

/**
 * The open-loop load generator as an engine source: one partition emitting pooled values at a fixed rate,
 * each stamped with its intended send time from a {@link Pacer}. It is polled inline on its task thread,
 * so the task's idle loop is the pacing spin: a poll emits every record whose instant has passed and
 * returns 0 otherwise (never blocks, never parks). The offset is the record's sequence number.
 */
public final class PacedSource implements StreamSource<Long> {
    private final long ratePerSecond;
    private final ValuePool values;

    /**
     * @param ratePerSecond records per second
     * @param values        the objects emitted, record {@code k} gets {@code values.at(k)}
     */
    public PacedSource(long ratePerSecond, ValuePool values) {
        this.ratePerSecond = ratePerSecond;
        this.values = values;
    }

    @Override
    public String format() {
        return "paced";
    }

    @Override
    public String description() {
        return "PacedSource[rowsPerSecond=" + ratePerSecond + "]";
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public SourceReader<Long> openPartition(int partition, String startOffset) {
        return new Reader(startOffset == null ? 0 : Long.parseLong(startOffset));
    }

    /** Paces from the moment it is opened; a resumed reader starts a fresh schedule at its offset. */
    private final class Reader implements SourceReader<Long> {
        private final Pacer pacer = new Pacer(System.nanoTime(), ratePerSecond);
        private final long firstOffset;
        private long sent;

        Reader(long firstOffset) {
            this.firstOffset = firstOffset;
        }

        @Override
        public int poll(SourceOutput<Long> out, int maxRecords) {
            long now = System.nanoTime();
            int n = 0;
            while (n < maxRecords) {
                long due = pacer.dueNanos(sent);
                if (due > now) {
                    break;
                }
                long offset = firstOffset + sent;
                out.emit(values.at(offset), offset, due, RecordMeta.NO_EVENT_TIME);
                sent++;
                n++;
            }
            return n;
        }

        @Override
        public String offset() {
            return Long.toString(firstOffset + sent);
        }
    }
}
