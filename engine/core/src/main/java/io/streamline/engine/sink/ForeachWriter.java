package io.streamline.engine.sink;

/**
 * Spark's {@code ForeachWriter}: custom output, one epoch at a time. For each epoch with data the engine
 * calls {@link #open}, then {@link #process} for every row, then {@link #close}; the epoch is committed
 * only after {@code close} returns, so a writer that flushes in {@code close} gets at-least-once delivery.
 * A writer instance is used by one thread.
 */
public interface ForeachWriter<T> {
    /**
     * Starts output for an epoch.
     *
     * @return {@code false} to skip this epoch's rows (e.g. already written for this epoch id)
     */
    boolean open(long partitionId, long epochId);

    /** Writes one row. */
    void process(T value);

    /** Ends the epoch: {@code error} is {@code null} on success, otherwise what stopped the query. */
    void close(Throwable error);
}
