package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjLongConsumer;

/**
 * The entries of a slotted long state ({@link LongKeyedState}, a windowed count's state) changed in one epoch, each
 * with its latest value or as removed, in parallel arrays filled in order of first change: recording a change
 * allocates nothing. Each entry carries its slot in the state, so the state can visit the changed slots without a
 * lookup; which slots are already here the state tracks itself ({@link SlotChangeTracker}). Once the snapshot writer
 * has written it, it goes back to its state ({@link #release()}) to record a later epoch: a steady state allocates no
 * buffer.
 */
public final class LongChangeBuffer implements StateChanges {
    /** The slot recorded for a removed entry. */
    private static final int REMOVED = -1;

    private final Consumer<LongChangeBuffer> recycler;
    private Object[] keys;
    private long[] values;
    /** The slot of each entry, or {@link #REMOVED}. */
    private int[] slots;
    private int size;

    /**
     * @param expectedKeys entries to make room for at first
     * @param recycler     takes the buffer back once the writer is done with it
     */
    public LongChangeBuffer(int expectedKeys, Consumer<LongChangeBuffer> recycler) {
        this.recycler = recycler;
        keys = new Object[Math.max(16, expectedKeys)];
        values = new long[keys.length];
        slots = new int[keys.length];
    }

    /** Adds {@code key}, not yet in this buffer, held in {@code slot} (>= 0) of its state; returns its position. */
    public int append(Object key, long value, int slot) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        slots[size] = slot;
        return size++;
    }

    /** Replaces the value at {@code position}. */
    public void set(int position, long value) {
        values[position] = value;
    }

    /** The entry at {@code position} was removed. */
    public void remove(int position) {
        slots[position] = REMOVED;
    }

    /** {@code key}, not in this buffer, was removed. */
    public void appendRemoved(Object key) {
        append(key, 0, REMOVED);
    }

    /** Visits the slot of every entry that was not removed, in order of first change. */
    public void forEachLiveSlot(IntConsumer visitor) {
        for (int i = 0; i < size; i++) {
            if (slots[i] != REMOVED) {
                visitor.accept(slots[i]);
            }
        }
    }

    /** Visits every entry that was not removed with its latest value, in order of first change. */
    void forEach(ObjLongConsumer<Object> visitor) {
        for (int i = 0; i < size; i++) {
            if (slots[i] != REMOVED) {
                visitor.accept(keys[i], values[i]);
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(Visitor visitor) {
        for (int i = 0; i < size; i++) {
            if (slots[i] == REMOVED) {
                visitor.removed(keys[i]);
            } else {
                visitor.changedLong(keys[i], values[i]);
            }
        }
    }

    /** Empties the buffer (dropping its references to keys) and hands it back. */
    @Override
    public void release() {
        Arrays.fill(keys, 0, size, null);
        size = 0;
        recycler.accept(this);
    }
}
