package io.streamline.engine.source;

/**
 * Reads one partition of a source. Runs inline in a task's duty cycle, so {@link #poll} must never block:
 * a source with blocking I/O reads on its own thread into a buffer or write-ahead log and polls that.
 */
public interface SourceReader<T> extends AutoCloseable {
    /**
     * Emits up to {@code maxRecords} records that are available now.
     *
     * @return how many records were emitted (0 when nothing is available yet)
     */
    int poll(SourceOutput<T> out, int maxRecords);

    /** The offset of the next record this reader would emit; passing it to {@link StreamSource#openPartition} resumes there. */
    String offset();

    /**
     * Micro-batch planning: the offset just past the records available now, at most {@code maxRecords} past
     * the current offset. Only called for sources whose {@link StreamSource#supportsMicroBatch()} is true.
     */
    default String availableOffset(long maxRecords) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot plan micro-batches");
    }

    /**
     * Micro-batch reading: emits up to {@code maxRecords} records, none at or past {@code endOffset}, which
     * {@link #availableOffset} returned earlier (possibly in a run before a crash).
     *
     * @return how many records were emitted
     */
    default int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot read micro-batches");
    }

    /**
     * Micro-batch {@code availableNow}: the offset just past everything available now, ignoring the source's
     * rate limits. The default asks {@link #availableOffset} with no record limit; a source whose limit is not
     * in records (files) overrides it.
     */
    default String latestOffset() {
        return availableOffset(Long.MAX_VALUE);
    }

    /** Orders two offsets of this partition (micro-batch {@code availableNow}); the default reads them as numbers. */
    default int compareOffsets(String a, String b) {
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }

    /**
     * Offset {@code offset} of this partition is committed: nothing before it will be asked for again, so what
     * the reader keeps only for replay (a write-ahead log) can go. Called now and then from a background
     * thread, concurrently with polling.
     */
    default void committed(String offset) {
    }

    /** Releases the reader's resources. */
    @Override
    default void close() {
    }
}
