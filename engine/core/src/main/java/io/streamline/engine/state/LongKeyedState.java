package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.ObjLongConsumer;

/**
 * Keyed state whose values are longs (counts, sums), kept unboxed: a key gets a slot once, and every later
 * update is a store into a {@code long[]}. Unlike a map of boxed values, a large state of this kind creates no
 * medium-lived objects that young collections would have to copy, so its size does not show up as GC pauses.
 * Owned by one operator on one thread; changes are tracked per epoch for incremental checkpoints.
 */
public final class LongKeyedState<K> implements OperatorState {
    private final SlotIndex<K> index = new SlotIndex<>(1024);
    private long[] values = new long[index.capacity()];
    /** The change buffer the writer handed back, for the next epoch to reuse. */
    private final AtomicReference<LongChangeBuffer> spare = new AtomicReference<>();
    private LongChangeBuffer changes = new LongChangeBuffer(16, spare::set);
    /** Per slot: where its change is in {@link #changes}, so no lookup finds it. */
    private final SlotChangeTracker tracker = new SlotChangeTracker(index.capacity());

    /** The slot of {@code key}, or a negative number if the key has no value yet. */
    public int slotOf(K key) {
        return index.slotOf(key);
    }

    /** The value in {@code slot}. */
    public long valueAt(int slot) {
        return values[slot];
    }

    /** Sets the value of {@code slot}. */
    public void set(int slot, long value) {
        values[slot] = value;
        recordChange(slot, value);
    }

    /** Gives {@code key}, which has no slot yet, its first value. */
    public void insert(K key, long value) {
        recordChange(put(key, value), value);
    }

    /** Visits every entry. */
    public void forEach(ObjLongConsumer<? super K> visitor) {
        for (int slot = 0; slot < index.size(); slot++) {
            visitor.accept(index.keyAt(slot), values[slot]);
        }
    }

    /** Visits the keys changed since the last checkpoint with their current value. */
    @SuppressWarnings("unchecked")
    public void forEachChanged(ObjLongConsumer<? super K> visitor) {
        changes.forEach((key, value) -> visitor.accept((K) key, value));
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        forEach(out::accept);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        put((K) key, (Long) value);
    }

    @Override
    public long numRows() {
        return index.size();
    }

    @Override
    public StateChanges takeChanges() {
        LongChangeBuffer taken = changes;
        LongChangeBuffer reused = spare.getAndSet(null);
        // A new buffer is sized for as many keys as this epoch touched, so the next epoch rarely grows it on the
        // record path; a reused one (the writer's hand-back) already is.
        changes = reused != null ? reused : new LongChangeBuffer(taken.size(), spare::set);
        tracker.nextGeneration();
        return taken;
    }

    private void recordChange(int slot, long value) {
        int position = tracker.positionOf(slot);
        if (position >= 0) {
            changes.set(position, value);
        } else {
            tracker.track(slot, changes.append(index.keyAt(slot), value, slot));
        }
    }

    private int put(K key, long value) {
        int slot = index.add(key);
        if (slot == values.length) {
            int capacity = index.capacity();
            values = Arrays.copyOf(values, capacity);
            tracker.grow(capacity);
        }
        values[slot] = value;
        return slot;
    }
}
