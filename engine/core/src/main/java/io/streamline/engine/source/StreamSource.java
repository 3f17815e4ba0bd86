package io.streamline.engine.source;

import java.util.Map;

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
