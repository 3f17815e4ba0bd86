package io.streamline.engine.state;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * The entries of a slotted long state ({@link LongKeyedState}, a windowed count's state) changed in one epoch
 * ({@link SlotChangeBuffer}), their values unboxed in a {@code long[]}.
 */
public final class LongChangeBuffer extends SlotChangeBuffer {
    private final Consumer<LongChangeBuffer> recycler;
    private long[] values;

    /**
     * @param expectedKeys entries to make room for at first
     * @param recycler     takes the buffer back once the writer is done with it
     */
    public LongChangeBuffer(int expectedKeys, Consumer<LongChangeBuffer> recycler) {
        super(expectedKeys);
        this.recycler = recycler;
        values = new long[capacity()];
    }

    /** Adds {@code key}, not yet in this buffer, held in {@code slot} (>= 0) of its state; returns its position. */
    public int append(Object key, long value, int slot) {
        int position = appendKey(key, slot);
        values[position] = value;
        return position;
    }

    /** Replaces the value at {@code position}. */
    public void set(int position, long value) {
        values[position] = value;
    }

    /** Visits every entry that was not removed with its latest value, in order of first change. */
    void forEach(ObjLongConsumer<Object> visitor) {
        for (int i = 0; i < size(); i++) {
            if (isLive(i)) {
                visitor.accept(keyAt(i), values[i]);
            }
        }
    }

    @Override
    void visitLive(int position, Visitor visitor) {
        visitor.changedLong(keyAt(position), values[position]);
    }

    @Override
    void growValues(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }

    @Override
    void clearValue(int position) {
    }

    @Override
    void clearValues(int size) {
    }

    @Override
    void recycle() {
        recycler.accept(this);
    }
}
