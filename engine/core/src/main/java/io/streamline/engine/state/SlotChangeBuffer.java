package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The entries of a slotted state changed in one epoch, each with its latest value or as removed, in parallel arrays
 * filled in order of first change: recording a change allocates nothing, where a map of changes would be probed per
 * record. Each entry carries its slot in the state, so the state can visit the changed slots without a lookup; which
 * slots are already here the state tracks itself ({@link SlotChangeTracker}). Once the snapshot writer has written
 * it, it goes back to its state ({@link #release()}) to record a later epoch: a steady state allocates no buffer.
 * Subclasses keep the values: {@link LongChangeBuffer} unboxed, {@link ObjectChangeBuffer} as objects.
 */
public abstract sealed class SlotChangeBuffer implements StateChanges permits LongChangeBuffer, ObjectChangeBuffer {
    /** The slot recorded for a removed entry. */
    private static final int REMOVED = -1;

    private Object[] keys;
    /** The slot of each entry, or {@link #REMOVED}. */
    private int[] slots;
    private int size;

    SlotChangeBuffer(int expectedKeys) {
        keys = new Object[Math.max(16, expectedKeys)];
        slots = new int[keys.length];
    }

    /** The entry at {@code position} was removed. */
    public void remove(int position) {
        slots[position] = REMOVED;
        clearValue(position);
    }

    /** {@code key}, not in this buffer, was removed. */
    public void appendRemoved(Object key) {
        appendKey(key, REMOVED);
    }

    /** Visits the slot of every entry that was not removed, in order of first change. */
    public void forEachLiveSlot(IntConsumer visitor) {
        for (int i = 0; i < size; i++) {
            if (slots[i] != REMOVED) {
                visitor.accept(slots[i]);
            }
        }
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final void forEach(Visitor visitor) {
        for (int i = 0; i < size; i++) {
            if (slots[i] == REMOVED) {
                visitor.removed(keys[i]);
            } else {
                visitLive(i, visitor);
            }
        }
    }

    /** Empties the buffer (dropping its references to keys and values) and hands it back. */
    @Override
    public final void release() {
        Arrays.fill(keys, 0, size, null);
        clearValues(size);
        size = 0;
        recycle();
    }

    /** Adds {@code key} with {@code slot} (or {@link #REMOVED}); returns its position, where the subclass puts its value. */
    final int appendKey(Object key, int slot) {
        if (size == keys.length) {
            int capacity = size * 2;
            keys = Arrays.copyOf(keys, capacity);
            slots = Arrays.copyOf(slots, capacity);
            growValues(capacity);
        }
        keys[size] = key;
        slots[size] = slot;
        return size++;
    }

    /** Whether the entry at {@code position} is still in the state. */
    final boolean isLive(int position) {
        return slots[position] != REMOVED;
    }

    /** The key of the entry at {@code position}. */
    final Object keyAt(int position) {
        return keys[position];
    }

    /** The current capacity, for a subclass's value array. */
    final int capacity() {
        return keys.length;
    }

    /** Passes the entry at {@code position}, not removed, with its value to {@code visitor}. */
    abstract void visitLive(int position, Visitor visitor);

    /** Grows the value array to {@code capacity}. */
    abstract void growValues(int capacity);

    /** Drops the value at {@code position}, whose entry was removed. */
    abstract void clearValue(int position);

    /** Drops the values of the first {@code size} entries. */
    abstract void clearValues(int size);

    /** Hands the emptied buffer back to its state. */
    abstract void recycle();
}
