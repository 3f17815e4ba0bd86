package io.streamline.operators.state;

import io.streamline.engine.config.Durations;
import io.streamline.engine.operator.Watermarks;

import java.util.NoSuchElementException;
import java.util.Optional;

/** The {@link GroupState} of one call: starts from the stored state and records what the call changed. */
final class GroupStateHandle<S> implements GroupState<S> {
    private final GroupStateTimeout timeoutKind;
    private S state;
    private boolean timedOut;
    private long timeoutAt;
    private long watermark;
    private long processingTime;

    GroupStateHandle(GroupStateTimeout timeoutKind) {
        this.timeoutKind = timeoutKind;
    }

    /** Whether timeouts are event-time ones (otherwise processing-time, if any). */
    boolean eventTime() {
        return timeoutKind == GroupStateTimeout.EVENT_TIME_TIMEOUT;
    }

    /** Prepares the handle for a call on a key with {@code stored} state (or {@code null}). */
    void reset(StoredGroupState<S> stored, boolean timedOut, long watermark, long processingTime) {
        this.state = stored == null ? null : stored.state();
        this.timedOut = timedOut;
        this.timeoutAt = StoredGroupState.NO_TIMEOUT; // cleared by every call, as in Spark: set again to keep one
        this.watermark = watermark;
        this.processingTime = processingTime;
    }

    /** The state the call left, or {@code null} when it left neither state nor timeout. */
    StoredGroupState<S> result() {
        return state == null && timeoutAt == StoredGroupState.NO_TIMEOUT ? null : new StoredGroupState<>(state, timeoutAt, false);
    }

    @Override
    public boolean exists() {
        return state != null;
    }

    @Override
    public S get() {
        if (state == null) {
            throw new NoSuchElementException("State is either not defined or has already been removed");
        }
        return state;
    }

    @Override
    public Optional<S> getOption() {
        return Optional.ofNullable(state);
    }

    @Override
    public void update(S newState) {
        if (newState == null) {
            throw new IllegalArgumentException("'null' is not a valid state value; use remove()");
        }
        state = newState;
    }

    @Override
    public void remove() {
        state = null;
        timeoutAt = StoredGroupState.NO_TIMEOUT;
    }

    @Override
    public boolean hasTimedOut() {
        return timedOut;
    }

    @Override
    public void setTimeoutDuration(long durationMs) {
        if (timeoutKind != GroupStateTimeout.PROCESSING_TIME_TIMEOUT) {
            throw new UnsupportedOperationException("Cannot set timeout duration without enabling processing time timeout"
                    + " in [map|flatMap]GroupsWithState (GroupStateTimeout.PROCESSING_TIME_TIMEOUT)");
        }
        if (durationMs <= 0) {
            throw new IllegalArgumentException("Timeout duration must be positive, got " + durationMs + " ms");
        }
        timeoutAt = processingTime + durationMs;
    }

    @Override
    public void setTimeoutDuration(String duration) {
        setTimeoutDuration(Durations.parse("timeout duration", duration).toMillis());
    }

    @Override
    public void setTimeoutTimestamp(long timestampMs) {
        if (timeoutKind != GroupStateTimeout.EVENT_TIME_TIMEOUT) {
            throw new UnsupportedOperationException("Cannot set timeout timestamp without enabling event time timeout in"
                    + " [map|flatMap]GroupsWithState (GroupStateTimeout.EVENT_TIME_TIMEOUT)");
        }
        if (Watermarks.isTime(watermark) && timestampMs < watermark) {
            throw new IllegalArgumentException("Timeout timestamp (" + timestampMs + ") cannot be earlier than the current"
                    + " watermark (" + watermark + ")");
        }
        timeoutAt = timestampMs + 1; // a timer fires when the watermark reaches its time; Spark times out once it passes
    }

    @Override
    public long getCurrentWatermarkMs() {
        return Watermarks.isTime(watermark) ? watermark : -1;
    }

    @Override
    public long getCurrentProcessingTimeMs() {
        return processingTime;
    }
}
