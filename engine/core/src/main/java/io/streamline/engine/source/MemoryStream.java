package io.streamline.engine.source;

import io.streamline.engine.operator.RecordMeta;

import java.util.Arrays;
import java.util.List;

/**
 * An in-memory, replayable source fed by the application with {@link #addData}, like Spark's
 * {@code MemoryStream}. Rows are kept for the life of the object, so a query restarted in the same process
 * replays from its committed offset. One partition; the offset is the index of the next row.
 *
 * <p>Thread-safety: any number of threads may call {@link #addData}; one reader polls. Rows live in
 * fixed-size chunks that are never moved, and the reader sees rows up to the last volatile {@code size}
 * write, so polling takes no lock.
 */
public final class MemoryStream<T> implements StreamSource<T> {
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

    private final String name;
    private volatile Object[][] chunks = new Object[16][];
    private volatile long size;
    private volatile long maxRecordsPerTrigger = Long.MAX_VALUE;
    private final int partitions;

    /** @param name shown in plans and progress reports */
    public MemoryStream(String name) {
        this(name, 1);
    }

    /**
     * A stream of {@code partitions} partitions, as Spark's {@code MemoryStream(numPartitions)}: the rows added
     * are dealt out in turn, row {@code i} of all rows ever added to partition {@code i % partitions}.
     */
    public MemoryStream(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.name = name;
        this.partitions = partitions;
    }

    /** Appends rows; they become visible to the reader together, after the call returns. */
    @SafeVarargs
    public final synchronized void addData(T... rows) {
        addData(Arrays.asList(rows));
    }

    /** Appends rows; they become visible to the reader together, after the call returns. */
    public synchronized void addData(List<? extends T> rows) {
        long n = size;
        for (T row : rows) {
            int chunk = (int) (n >>> CHUNK_SHIFT);
            Object[][] cs = chunks;
            if (chunk == cs.length) {
                cs = Arrays.copyOf(cs, cs.length * 2);
            }
            if (cs[chunk] == null) {
                cs[chunk] = new Object[CHUNK_SIZE];
            }
            cs[chunk][(int) (n & (CHUNK_SIZE - 1))] = row;
            chunks = cs;
            n++;
        }
        size = n; // volatile write publishes the rows and chunk table above
    }

    /** How many rows were added so far. */
    public long size() {
        return size;
    }

    @Override
    public String format() {
        return "memory";
    }

    @Override
    public String description() {
        return "MemoryStream[" + name + "]";
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
    public long maxRecordsPerTrigger() {
        return maxRecordsPerTrigger;
    }

    /** Limits micro-batches to {@code max} rows each (Spark's {@code maxRecordsPerTrigger}). */
    public MemoryStream<T> maxRecordsPerTrigger(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxRecordsPerTrigger must be positive, got " + max);
        }
        this.maxRecordsPerTrigger = max;
        return this;
    }

    @Override
    public SourceReader<T> openPartition(int partition, String startOffset) {
        return new CountingReader<>(startOffset) {
            @Override
            protected long available() {
                return (size - partition + partitions - 1) / partitions; // this partition's rows
            }

            @Override
            @SuppressWarnings("unchecked")
            protected void emit(SourceOutput<T> out, long position) {
                // The volatile read of size in available() happened first, so this chunk is published.
                long n = position * partitions + partition;
                T row = (T) chunks[(int) (n >>> CHUNK_SHIFT)][(int) (n & (CHUNK_SIZE - 1))];
                out.emit(row, position, System.nanoTime(), RecordMeta.NO_EVENT_TIME);
            }
        };
    }
}
