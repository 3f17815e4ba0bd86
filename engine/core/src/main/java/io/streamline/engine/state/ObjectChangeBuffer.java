package io.streamline.engine.state;

import org.agrona.ExpandableArrayBuffer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The entries of a slotted state with object values changed in one epoch ({@link SlotChangeBuffer}). As
 * {@link KeyedState} does, values of a class that cannot change go to the snapshot writer by reference, any other is
 * encoded at the marker ({@link #encodeMutableValues()}), so the checkpoint holds it as it was then.
 */
final class ObjectChangeBuffer extends SlotChangeBuffer {
    /** A value encoded at the marker because its class could change it afterwards. */
    private record Encoded(byte[] bytes) {
    }

    private final Consumer<ObjectChangeBuffer> recycler;
    private Object[] values;
    /** Whether a value recorded here is of a class that may change after it was stored. */
    private boolean mutableRecorded;
    /** The last value class found immutable: the usual single class costs one comparison per change. */
    private Class<?> immutableClass;
    /** Where mutable values are encoded at the marker, reused (the owner's thread only). */
    private final ExpandableArrayBuffer encodeBuffer = new ExpandableArrayBuffer(256);

    ObjectChangeBuffer(int expectedKeys, Consumer<ObjectChangeBuffer> recycler) {
        super(expectedKeys);
        this.recycler = recycler;
        values = new Object[capacity()];
    }

    /** Adds {@code key}, not yet in this buffer, held in {@code slot} (>= 0) of its state; returns its position. */
    int append(Object key, Object value, int slot) {
        int position = appendKey(key, slot);
        set(position, value);
        return position;
    }

    /** Replaces the value at {@code position}; not null. */
    void set(int position, Object value) {
        values[position] = value;
        Class<?> type = value.getClass();
        if (type != immutableClass) {
            if (Immutability.isImmutable(type)) {
                immutableClass = type;
            } else {
                mutableRecorded = true;
            }
        }
    }

    /**
     * Encodes every value of a class that could change after it was stored, so the writer checkpoints it as it is at
     * the marker; called on the owner's thread as the buffer is handed over.
     */
    void encodeMutableValues() {
        if (!mutableRecorded) {
            return;
        }
        for (int i = 0; i < size(); i++) {
            if (isLive(i) && !Immutability.isImmutable(values[i].getClass())) {
                values[i] = new Encoded(StateCodec.encodeVia(values[i], encodeBuffer));
            }
        }
        mutableRecorded = false;
    }

    @Override
    void visitLive(int position, Visitor visitor) {
        if (values[position] instanceof Encoded encoded) {
            visitor.changedEncoded(keyAt(position), encoded.bytes());
        } else {
            visitor.changed(keyAt(position), values[position]);
        }
    }

    @Override
    void growValues(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }

    @Override
    void clearValue(int position) {
        values[position] = null;
    }

    @Override
    void clearValues(int size) {
        Arrays.fill(values, 0, size, null);
        mutableRecorded = false;
    }

    @Override
    void recycle() {
        recycler.accept(this);
    }
}
