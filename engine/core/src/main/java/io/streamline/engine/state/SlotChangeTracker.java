package io.streamline.engine.state;

import java.util.Arrays;

/**
 * Where each slot of a slotted state ({@link LongKeyedState}, a windowed count's state) has its change in the current
 * epoch's change buffer, kept per slot so that recording a change needs no lookup: a slot whose generation is the
 * current one has its change at its recorded position; any other slot has none yet. Taking an epoch's changes starts
 * a new generation, which forgets every position at once.
 */
public final class SlotChangeTracker {
    private int[] generationOf;
    private int[] positionOf;
    private int generation = 1;

    /** @param slots the slots to track at first; {@link #grow} adds more */
    public SlotChangeTracker(int slots) {
        generationOf = new int[slots];
        positionOf = new int[slots];
    }

    /** The position of {@code slot}'s change in the current buffer, or -1 if it has none yet. */
    public int positionOf(int slot) {
        return generationOf[slot] == generation ? positionOf[slot] : -1;
    }

    /** {@code slot}'s change is at {@code position} of the current buffer. */
    public void track(int slot, int position) {
        generationOf[slot] = generation;
        positionOf[slot] = position;
    }

    /** {@code slot} is freed: a new owner of it has no change yet. */
    public void forget(int slot) {
        generationOf[slot] = 0;
    }

    /** Tracks slots up to {@code capacity}. */
    public void grow(int capacity) {
        generationOf = Arrays.copyOf(generationOf, capacity);
        positionOf = Arrays.copyOf(positionOf, capacity);
    }

    /** The current buffer was taken: no slot has a change in the next one. */
    public void nextGeneration() {
        if (++generation == Integer.MAX_VALUE) { // once in 2^31 epochs: no slot may keep a stale generation
            Arrays.fill(generationOf, 0);
            generation = 1;
        }
    }
}
