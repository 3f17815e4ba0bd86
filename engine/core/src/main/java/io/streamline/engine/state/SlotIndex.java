package io.streamline.engine.state;

import org.agrona.collections.Hashing;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Numbers keys densely from 0, so the tables built on it keep their values in primitive arrays indexed by slot
 * instead of one boxed object per entry: replacing a value then stores into an array, allocates nothing, and
 * leaves the garbage collector no medium-lived objects to copy (the cause of long young pauses with large
 * state). Removal moves the last key into the freed slot, so slots stay dense; owners move their values alike.
 */
final class SlotIndex<K> {
    private static final int ABSENT = -1;

    private final Object2IntHashMap<K> slots;
    private Object[] keys;
    private int size;

    SlotIndex(int expectedKeys) {
        int capacity = Math.max(8, expectedKeys);
        slots = new Object2IntHashMap<>(capacity * 2, Hashing.DEFAULT_LOAD_FACTOR, ABSENT);
        keys = new Object[capacity];
    }

    /** The slot of {@code key}, or a negative number if it has none. */
    int slotOf(K key) {
        return slots.getValue(key);
    }

    /** Gives {@code key} (which must have no slot) the next slot; owners grow their arrays to {@link #capacity()}. */
    int add(K key) {
        int slot = size++;
        if (slot == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[slot] = key;
        slots.put(key, slot);
        return slot;
    }

    /**
     * Frees the slot of {@code key} by moving the last key into it.
     *
     * @return the freed slot, which now holds the key that was at slot {@link #size()}, or a negative number if
     *         {@code key} had no slot
     */
    int remove(K key) {
        int slot = slots.removeKey(key);
        if (slot < 0) {
            return slot;
        }
        int last = --size;
        if (slot != last) {
            @SuppressWarnings("unchecked") K moved = (K) keys[last];
            keys[slot] = moved;
            slots.put(moved, slot);
        }
        keys[last] = null;
        return slot;
    }

    @SuppressWarnings("unchecked")
    K keyAt(int slot) {
        return (K) keys[slot];
    }

    int size() {
        return size;
    }

    /** The length owners' value arrays need to hold every slot handed out so far. */
    int capacity() {
        return keys.length;
    }

    void clear() {
        slots.clear();
        Arrays.fill(keys, 0, size, null);
        size = 0;
    }
}
