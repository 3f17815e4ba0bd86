package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;

import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * The keys of a {@link LongKeyedState} changed in one epoch, each with its latest value, in primitive arrays:
 * recording a change allocates nothing.
 */
final class LongChangeBuffer implements StateChanges {
    private final SlotIndex<Object> index;
    private long[] values;

    LongChangeBuffer(int expectedKeys) {
        index = new SlotIndex<>(expectedKeys);
        values = new long[index.capacity()];
    }

    void record(Object key, long value) {
        int slot = index.slotOf(key);
        if (slot < 0) {
            slot = index.add(key);
            if (slot == values.length) {
                values = Arrays.copyOf(values, index.capacity());
            }
        }
        values[slot] = value;
    }

    void forEach(ObjLongConsumer<Object> visitor) {
        for (int slot = 0; slot < index.size(); slot++) {
            visitor.accept(index.keyAt(slot), values[slot]);
        }
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public void forEach(Visitor visitor) {
        forEach(visitor::changedLong);
    }
}
