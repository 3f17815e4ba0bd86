package io.streamline.operators.dstream;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.KeyedState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * All checkpointed state of a DStream graph as the one state of its engine operator: each node's maps
 * (remembered batches, updateStateByKey state, window values ...) are {@link KeyedState}s registered here as
 * numbered slots, checkpointed incrementally with every batch under keys naming their slot. Slots are registered in
 * node order when the operator is created, so the same graph numbers them the same way after a restart.
 */
final class GraphState implements OperatorState {
    /** A key of the combined state: slot and the key within it. */
    record SlotKey(int slot, Object key) implements Serializable {
    }

    private final List<KeyedState<Object, Object>> slots = new ArrayList<>();

    /** A new map of its own, checkpointed with the graph. */
    @SuppressWarnings("unchecked")
    <K, V> KeyedState<K, V> newSlot() {
        KeyedState<Object, Object> slot = new KeyedState<>();
        slots.add(slot);
        return (KeyedState<K, V>) (KeyedState<?, ?>) slot;
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        for (int i = 0; i < slots.size(); i++) {
            int slot = i;
            slots.get(i).snapshot((key, value) -> out.accept(new SlotKey(slot, key), value));
        }
    }

    @Override
    public void restore(Object key, Object value) {
        SlotKey k = (SlotKey) key;
        if (k.slot() >= slots.size()) {
            throw new IllegalStateException("the checkpoint holds DStream state slot " + k.slot() + " but this graph has "
                    + slots.size() + ": was it written by another DStream graph?");
        }
        slots.get(k.slot()).restore(k.key(), value);
    }

    @Override
    public long numRows() {
        long rows = 0;
        for (KeyedState<Object, Object> slot : slots) {
            rows += slot.numRows();
        }
        return rows;
    }

    @Override
    public StateChanges takeChanges() {
        List<StateChanges> taken = new ArrayList<>(slots.size());
        int size = 0;
        for (KeyedState<Object, Object> slot : slots) {
            StateChanges changes = slot.takeChanges();
            taken.add(changes);
            size += changes.size();
        }
        int total = size;
        return new StateChanges() {
            @Override
            public int size() {
                return total;
            }

            @Override
            public void forEach(Visitor visitor) {
                for (int i = 0; i < taken.size(); i++) {
                    int slot = i;
                    taken.get(i).forEach(new Visitor() {
                        @Override
                        public void changed(Object key, Object value) {
                            visitor.changed(new SlotKey(slot, key), value);
                        }

                        @Override
                        public void changedLong(Object key, long value) {
                            visitor.changedLong(new SlotKey(slot, key), value);
                        }

                        @Override
                        public void changedEncoded(Object key, byte[] value) {
                            visitor.changedEncoded(new SlotKey(slot, key), value);
                        }

                        @Override
                        public void removed(Object key) {
                            visitor.removed(new SlotKey(slot, key));
                        }
                    });
                }
            }

            @Override
            public void release() {
                taken.forEach(StateChanges::release);
            }
        };
    }
}
