package io.streamline.operators.state;

import java.io.Serializable;

/**
 * What {@code [flat]MapGroupsWithState} keeps per key: the user's state (or {@code null} when only a timeout is set),
 * the timeout's timer time ({@link #NO_TIMEOUT} for none), and whether that timeout has passed and waits for the end
 * of the epoch or batch to be called (unless the key gets data first).
 */
record StoredGroupState<S>(S state, long timeoutAt, boolean timeoutDue) implements Serializable {
    static final long NO_TIMEOUT = Long.MIN_VALUE;

    StoredGroupState<S> due() {
        return new StoredGroupState<>(state, timeoutAt, true);
    }
}
