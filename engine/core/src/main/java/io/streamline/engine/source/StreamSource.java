package io.streamline.engine.source;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A replayable source of records of type {@code T}, split into partitions. Every partition has offsets, so
 * recovery can seek it back to the last committed position and replay what followed.
 */
public interface StreamSource<T> {
    /** Short name as used with {@code format(...)}, e.g. {@code "rate"}. */
    String format();

    /** Human-readable description for plans and progress reports. */
    String description();

    /** Number of partitions; each one is read by its own reader on its own task. */
    int partitions();

    /**
     * Opens partition {@code partition} positioned at {@code startOffset}.
     *
     * @param startOffset an offset previously returned by {@link SourceReader#offset()}, or {@code null} for the beginning
     */
    SourceReader<T> openPartition(int partition, String startOffset);

    /** Whether the source can run under micro-batch triggers (its readers plan batches by offset). */
    default boolean supportsMicroBatch() {
        return false;
    }

    /**
     * Source-specific counters for progress reports (Spark's {@code SourceProgress.metrics}), e.g. rows
     * dropped as malformed. Read by the committing thread, so values must be safe to read from any thread.
     */
    default Map<String, String> metrics() {
        return Map.of();
    }

    /** Micro-batch rate limit: at most this many records per batch over all partitions. */
    default long maxRecordsPerTrigger() {
        return Long.MAX_VALUE;
    }

    /**
     * The query restarts on a checkpoint whose last commit has offsets for other partitions of this source than
     * {@code 0 .. partitions()-1}: the source's partition count changed (Kafka added partitions, an option changed).
     * Returns where each current partition starts; a partition missing from the result starts at the beginning,
     * as a new partition does. Throw an {@link IllegalArgumentException} to refuse, naming the option and what is
     * accepted: the query does not start and the checkpoint stays as it was, so a restart with the old setting goes
     * on. In micro-batch mode a batch planned before the change and re-run after it reads nothing from a partition
     * its plan does not name.
     *
     * <p>The default keeps the partitions that still exist at their offsets and starts new ones at the beginning
     * (partitions added, as Kafka adds them); it refuses to drop a partition that has a committed offset, since
     * whatever followed that offset would never be read.
     *
     * @param committed the last commit's offsets of this source, by partition number
     * @return the start offsets of the current partitions, by partition number
     */
    default Map<Integer, String> startOffsetsAfterRepartition(Map<Integer, String> committed) {
        int now = partitions();
        List<Integer> dropped = committed.keySet().stream().filter(p -> p >= now).sorted().toList();
        if (!dropped.isEmpty()) {
            throw new IllegalArgumentException("Source " + description() + " has " + now + " partition(s) now, but the"
                    + " checkpoint's last commit has offsets for partition(s) " + new TreeSet<>(committed.keySet())
                    + ": partition(s) " + dropped + " would be dropped with the records after their offsets; accepted: at least "
                    + (dropped.get(dropped.size() - 1) + 1) + " partitions with this checkpoint, or a new checkpointLocation");
        }
        return committed;
    }

    /**
     * Opens partition {@code partition} positioned at {@code startOffset}, telling it where the query's
     * checkpoint lives. The engine calls this one; sources that keep durable state of their own (a write-ahead
     * log, a log of the files they took) override it, others keep the default, which ignores the context.
     *
     * @param startOffset an offset previously returned by {@link SourceReader#offset()}, or {@code null} for the beginning
     * @param context     the partition's key and the query's checkpoint location
     */
    default SourceReader<T> openPartition(int partition, String startOffset, SourceContext context) {
        return openPartition(partition, startOffset);
    }
}
