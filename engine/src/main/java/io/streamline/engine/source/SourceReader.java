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

    /** Releases the reader's resources. */
    @Override
    default void close() {
    }
}
