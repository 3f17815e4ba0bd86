package io.streamline.operators.dstream;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The state of one key given to a {@link StateSpec mapWithState} function, as Spark's {@code State}: read it with
 * {@link #exists()} and {@link #get()}, change it with {@link #update} or {@link #remove}. When the key timed out
 * ({@link #isTimingOut()}), the function is called without a value and the state is removed afterwards; it can then be
 * read but not changed.
 *
 * @param <S> state type (serializable: it is checkpointed)
 */
public final class State<S> {
    private S value;
    private boolean exists;
    private boolean updated;
    private boolean removed;
    private boolean timingOut;

    State() {
    }

    /** Prepares the object for the next key (one object serves a whole batch). */
    void wrap(S current, boolean timingOut) {
        this.value = current;
        this.exists = current != null;
        this.updated = false;
        this.removed = false;
        this.timingOut = timingOut;
    }

    /** Whether the key has state. */
    public boolean exists() {
        return exists;
    }

    /** The key's state; fails if it has none. */
    public S get() {
        if (!exists) {
            throw new NoSuchElementException("State is not set: check exists() before get(), or use getOption()");
        }
        return value;
    }

    /** The key's state, if it has one. */
    public Optional<S> getOption() {
        return exists ? Optional.of(value) : Optional.empty();
    }

    /** Sets the key's state (not null); not allowed while it is timing out or after {@link #remove}. */
    public void update(S newValue) {
        if (removed) {
            throw new UnsupportedOperationException("Cannot update the state after it has been removed");
        }
        if (timingOut) {
            throw new UnsupportedOperationException("Cannot update the state that is timing out");
        }
        if (newValue == null) {
            throw new IllegalArgumentException("Cannot update the state to null: use remove() to drop it");
        }
        value = newValue;
        exists = true;
        updated = true;
    }

    /** Removes the key's state; not allowed while it is timing out, or twice. */
    public void remove() {
        if (timingOut) {
            throw new UnsupportedOperationException("Cannot remove the state that is timing out");
        }
        if (removed) {
            throw new UnsupportedOperationException("Cannot remove the state that has already been removed");
        }
        removed = true;
        exists = false;
        value = null;
    }

    /** Whether the function is being called because the key timed out (then without a value). */
    public boolean isTimingOut() {
        return timingOut;
    }

    boolean isUpdated() {
        return updated;
    }

    boolean isRemoved() {
        return removed;
    }

    @Override
    public String toString() {
        return exists ? "State(" + value + ")" : "State(<none>)";
    }
}
