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
 * numbered slots, checkpointed incrementally with every batch under keys naming their slot ({@link #combinedKey}). Slots are registered in
 * node order when the operator is created, so the same graph numbers them the same way after a restart.
 */
final class GraphState implements OperatorState {
    /** A key of the combined state: slot and a key within it that is not a string, long or int. */
    record SlotKey(int slot, Object key) implements Serializable {
    }

    /**
     * The combined key of {@code key} in {@code slot}. String, long and int keys (words, batch times, counters: nearly
     * all) become a string {@code <slot><type><value>}, which the engine's codec writes as UTF-8; any other key is
     * wrapped in a {@link SlotKey}, which it writes with Java serialization, costing far more per key.
     */
    static Object combinedKey(int slot, Object key) {
        if (key instanceof String s) {
            return slot + "s" + s;
        }
        if (key instanceof Long l) {
            return slot + "l" + l;
        }
        if (key instanceof Integer i) {
            return slot + "i" + i;
        }
        return new SlotKey(slot, key);
    }

    /** The slot and key {@link #combinedKey} made {@code combined} from. */
    static SlotKey split(Object combined) {
        if (combined instanceof SlotKey k) {
            return k;
        }
        String s = (String) combined;
        int at = 0;
        while (Character.isDigit(s.charAt(at))) {
            at++;
        }
        int slot = Integer.parseInt(s.substring(0, at));
        String value = s.substring(at + 1);
        return switch (s.charAt(at)) {
            case 's' -> new SlotKey(slot, value);
            case 'l' -> new SlotKey(slot, Long.parseLong(value));
            case 'i' -> new SlotKey(slot, Integer.parseInt(value));
            default -> throw new IllegalStateException("DStream state key " + s + " has an unknown type");
        };
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
            slots.get(i).snapshot((key, value) -> out.accept(combinedKey(slot, key), value));
        }
    }

    @Override
    public void restore(Object key, Object value) {
        SlotKey k = split(key);
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
                            visitor.changed(combinedKey(slot, key), value);
                        }

                        @Override
                        public void changedLong(Object key, long value) {
                            visitor.changedLong(combinedKey(slot, key), value);
                        }

                        @Override
                        public void changedEncoded(Object key, byte[] value) {
                            visitor.changedEncoded(combinedKey(slot, key), value);
                        }

                        @Override
                        public void removed(Object key) {
                            visitor.removed(combinedKey(slot, key));
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
