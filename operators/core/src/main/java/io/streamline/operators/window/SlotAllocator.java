package io.streamline.operators.window;

import java.util.Arrays;

/**
 * The slot numbers of a slotted window state ({@link LongWindowState}, {@link SessionState}): a new entry takes a
 * freed slot first, else the next never used; the owner keeps its values in arrays indexed by slot and grows them
 * when a slot reaches their length.
 */
final class SlotAllocator {
    /** Slots handed out so far, free ones included. */
    private int count;
    private int[] free = new int[64];
    private int freeCount;
    private int live;

    /** A slot for a new entry; one equal to {@link #count()} - 1 was never used, and may be past the owner's arrays. */
    int take() {
        live++;
        return freeCount > 0 ? free[--freeCount] : count++;
    }

    /** {@code slot} no longer holds an entry. */
    void free(int slot) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
        live--;
    }

    /** Slots handed out so far, free ones included: every live slot is below it. */
    int count() {
        return count;
    }

    /** Slots holding an entry. */
    int live() {
        return live;
    }
}
