package io.streamline.engine.sink;

/**
 * Writes one sink partition's records. All calls come from one thread. {@link #commitEpoch} is the
 * sink's half of the epoch protocol: when it returns, everything written for the epoch must be durable
 * or visible, because the coordinator may then commit the epoch and never replay it.
 */
public interface SinkWriter<T> {
    /** Writes one record. */
    void write(T value);

    /** Makes everything written since the previous commit part of epoch {@code epoch}, durably. */
    void commitEpoch(long epoch);

    /** Releases resources; {@code error} is the failure that stopped the query, or {@code null}. */
    default void close(Throwable error) {
    }
}
