package io.streamline.bench;

import io.streamline.engine.source.SourceOutput;
import io.streamline.engine.source.CountingReader;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;

/**
 * The open-loop load generator as an engine source: partitions emitting pooled values at a fixed rate,
 * each stamped with its intended send time from a {@link Pacer}. It is polled inline on its task thread,
 * so the task's idle loop is the pacing spin: a poll emits every record whose instant has passed and
 * returns 0 otherwise (never blocks, never parks). The offset is the record's sequence number. Each record's event
 * time is its intended send time as wall-clock milliseconds, for the event-time workloads. With several partitions
 * each runs at its share of the rate, the offset counts its own records, and record {@code k} of partition
 * {@code p} of {@code n} is value {@code k * n + p}, so together they emit what one partition would.
 */
public final class PacedSource implements StreamSource<Long> {
    private final long ratePerSecond;
    private final ValuePool values;
    private final String name;
    private final int partitions;

    /**
     * @param ratePerSecond records per second
     * @param values        the objects emitted, record {@code k} gets {@code values.at(k)}
     */
    public PacedSource(long ratePerSecond, ValuePool values) {
        this(ratePerSecond, values, null);
    }

    /** A generator told apart from others of the same query by {@code name} (the two inputs of a join). */
    public PacedSource(long ratePerSecond, ValuePool values, String name) {
        this(ratePerSecond, values, name, 1);
    }

    /** A generator of {@code partitions} partitions sharing {@code ratePerSecond}; {@code name} may be {@code null}. */
    public PacedSource(long ratePerSecond, ValuePool values, String name, int partitions) {
        this.ratePerSecond = ratePerSecond;
        this.values = values;
        this.name = name;
        this.partitions = partitions;
    }

    @Override
    public String format() {
        return "paced";
    }

    @Override
    public String description() {
        return "PacedSource[" + (name == null ? "" : name + ", ") + "rowsPerSecond=" + ratePerSecond
                + (partitions > 1 ? ", partitions=" + partitions : "") + "]";
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public boolean supportsMicroBatch() {
        return true;
    }

    @Override
    public SourceReader<Long> openPartition(int partition, String startOffset) {
        return new Reader(startOffset, partition);
    }

    /**
     * Paces from the moment it is opened; a resumed reader starts a fresh schedule at its offset. In
     * micro-batch mode a batch takes every record due when it is planned.
     */
    private final class Reader extends CountingReader<Long> {
        private final long startNanos = System.nanoTime();
        private final long startMillis = System.currentTimeMillis();
        private final Pacer pacer = new Pacer(startNanos, Math.max(1, ratePerSecond / partitions));
        private final long firstOffset;
        private final int partition;

        Reader(String startOffset, int partition) {
            super(startOffset);
            this.firstOffset = Long.parseLong(offset());
            this.partition = partition;
        }

        @Override
        protected long available() {
            return firstOffset + pacer.dueBy(System.nanoTime());
        }

        @Override
        protected void emit(SourceOutput<Long> out, long position) {
            long due = pacer.dueNanos(position - firstOffset);
            out.emit(values.at(position * partitions + partition), position, due, startMillis + (due - startNanos) / 1_000_000);
        }
    }
}
