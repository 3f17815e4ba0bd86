package io.streamline.operators.state;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The state of one key in {@code mapGroupsWithState} / {@code flatMapGroupsWithState}, Spark's {@code GroupState}:
 * read and change it during the call, set a timeout for when the key gets no data. Valid only during the call it was
 * passed to.
 *
 * @param <S> state type (a String, boxed primitive or {@link java.io.Serializable} type, so it can be checkpointed)
 */
public interface GroupState<S> {
    /** Whether the key has state. */
    boolean exists();

    /** The state; {@link NoSuchElementException} if there is none. */
    S get();

    /** The state, if any. */
    Optional<S> getOption();

    /** Sets the state; {@code null} is refused (use {@link #remove}). */
    void update(S newState);

    /** Removes the state (and any timeout). */
    void remove();

    /** Whether this call is for a timeout: the key got no data and its timeout passed. */
    boolean hasTimedOut();

    /**
     * With {@link GroupStateTimeout#PROCESSING_TIME_TIMEOUT}: times the key out if it gets no data for
     * {@code durationMs} after the current epoch's or batch's processing time. Must be set again in each call, as in
     * Spark, or there is no timeout.
     */
    void setTimeoutDuration(long durationMs);

    /** {@link #setTimeoutDuration(long)} written as in Spark, e.g. {@code "10 minutes"}. */
    void setTimeoutDuration(String duration);

    /**
     * With {@link GroupStateTimeout#EVENT_TIME_TIMEOUT}: times the key out once the watermark passes
     * {@code timestampMs}, which must not be below the current watermark. Must be set again in each call.
     */
    void setTimeoutTimestamp(long timestampMs);

    /** The watermark in force ({@code -1} when the stream has none yet). */
    long getCurrentWatermarkMs();

    /** The processing time of the current epoch or batch, epoch milliseconds. */
    long getCurrentProcessingTimeMs();
}
