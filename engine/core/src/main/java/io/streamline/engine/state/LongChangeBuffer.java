package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * The keys of a {@link LongKeyedState} changed in one epoch, each with its latest value, in parallel arrays
 * filled in order of first change: recording a change allocates nothing. Which keys are already here is
 * tracked by the state, per slot, so recording a change needs no lookup. Once the snapshot writer has written it,
 * it goes back to its state ({@link #release()}) to record a later epoch: a steady state allocates no buffer.
 */
final class LongChangeBuffer implements StateChanges {
    private final java.util.function.Consumer<LongChangeBuffer> recycler;
    private Object[] keys;
    private long[] values;
    private int size;

    /** @param recycler takes the buffer back once the writer is done with it */
    LongChangeBuffer(int expectedKeys, java.util.function.Consumer<LongChangeBuffer> recycler) {
        this.recycler = recycler;
        keys = new Object[Math.max(16, expectedKeys)];
        values = new long[keys.length];
    }

    /** Adds a key not yet in this buffer; returns its position. */
    int append(Object key, long value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        return size++;
    }

    /** Replaces the value at {@code position}. */
    void set(int position, long value) {
        values[position] = value;
    }

    void forEach(ObjLongConsumer<Object> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.accept(keys[i], values[i]);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(Visitor visitor) {
        forEach(visitor::changedLong);
    }

    /** Empties the buffer (dropping its references to keys) and hands it back. */
    @Override
    public void release() {
        java.util.Arrays.fill(keys, 0, size, null);
        size = 0;
        recycler.accept(this);
    }
}
