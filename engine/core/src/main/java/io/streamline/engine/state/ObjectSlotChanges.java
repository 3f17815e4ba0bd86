package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The checkpoint changes of a slotted state with object values (a session window's accumulators, each slot holding
 * one entry at a time): per epoch, each slot's entry with its latest value or as removed, recorded without a lookup
 * or an allocation ({@link SlotChangeTracker} over an {@code ObjectChangeBuffer}) and handed to the snapshot writer
 * at the marker by {@link #take()}, values of a class that could change encoded then. The buffer the writer hands back
 * records a later epoch. Owned by one operator on one thread.
 */
public final class ObjectSlotChanges {
    private final SlotChangeTracker tracker;
    /** The buffer the writer handed back, for the next epoch to reuse. */
    private final AtomicReference<ObjectChangeBuffer> spare = new AtomicReference<>();
    private ObjectChangeBuffer changes = new ObjectChangeBuffer(16, spare::set);

    /** @param slots the slots to track at first; {@link #grow} adds more */
    public ObjectSlotChanges(int slots) {
        tracker = new SlotChangeTracker(slots);
    }

    /** The entry {@code key} in {@code slot} now holds {@code value} (not null, never mutated afterwards). */
    public void changed(int slot, Object key, Object value) {
        int position = tracker.positionOf(slot);
        if (position >= 0) {
            changes.set(position, value);
        } else {
            tracker.track(slot, changes.append(key, value, slot));
        }
    }

    /**
     * The entry {@code key} in {@code slot} is no longer in the state; a later entry of the slot (the slot reused, or
     * its entry's key replaced) is a change of its own.
     */
    public void removed(int slot, Object key) {
        int position = tracker.positionOf(slot);
        if (position >= 0) {
            changes.remove(position);
        } else {
            changes.appendRemoved(key);
        }
        tracker.forget(slot);
    }

    /** Visits the slot of every entry changed this epoch and still in the state, in order of first change. */
    public void forEachChangedSlot(IntConsumer visitor) {
        changes.forEachLiveSlot(visitor);
    }

    /** Tracks slots up to {@code capacity}. */
    public void grow(int capacity) {
        tracker.grow(capacity);
    }

    /** This epoch's changes, for the snapshot writer; the next epoch records into another buffer. */
    public StateChanges take() {
        ObjectChangeBuffer taken = changes;
        taken.encodeMutableValues();
        ObjectChangeBuffer reused = spare.getAndSet(null);
        // A new buffer is sized for as many entries as this epoch touched, so the next epoch rarely grows it on the
        // record path; a reused one (the writer's hand-back) already is.
        changes = reused != null ? reused : new ObjectChangeBuffer(taken.size(), spare::set);
        tracker.nextGeneration();
        return taken;
    }
}
