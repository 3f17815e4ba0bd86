package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.HashMap;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The keyed-state primitive: a map from key to value owned by one operator on one thread, checkpointed on
 * every epoch marker and restored on recovery. Plain maps: only the owning task touches them.
 *
 * <p>Checkpoints are incremental: besides the entries, the state keeps the keys changed in the current epoch
 * (an open-addressing map, so tracking a change allocates nothing per record) and hands them to the engine's
 * background snapshot writer on the marker. Values must be treated as immutable once stored: replace a value,
 * never mutate it, because the writer may still be encoding it.
 */
public final class KeyedState<K, V> implements OperatorState {
    /** Stands for a removed key among the changes. */
    private static final Object REMOVED = new Object();

    private final HashMap<K, V> entries = new HashMap<>();
    private Object2ObjectHashMap<Object, Object> changed = new Object2ObjectHashMap<>();

    /** The value for {@code key}, or {@code null}. */
    public V get(K key) {
        return entries.get(key);
    }

    /** Sets the value for {@code key}; {@code value} must not be null and must not be mutated afterwards. */
    public void put(K key, V value) {
        entries.put(key, Objects.requireNonNull(value, "state values must not be null; use remove"));
        changed.put(key, value);
    }

    /** Removes {@code key}. */
    public void remove(K key) {
        if (entries.remove(key) != null) {
            changed.put(key, REMOVED);
        }
    }

    /** Visits every entry. */
    public void forEach(BiConsumer<? super K, ? super V> visitor) {
        entries.forEach(visitor);
    }

    /** Visits the keys changed since the last checkpoint, with their current value; removed keys are skipped. */
    @SuppressWarnings("unchecked")
    public void forEachChanged(BiConsumer<? super K, ? super V> visitor) {
        changed.forEach((key, value) -> {
            if (value != REMOVED) {
                visitor.accept((K) key, (V) value);
            }
        });
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        entries.forEach(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        entries.put((K) key, (V) value);
    }

    @Override
    public long numRows() {
        return entries.size();
    }

    @Override
    public StateChanges takeChanges() {
        Object2ObjectHashMap<Object, Object> taken = changed;
        // Sized for as many keys as this epoch touched, so the next epoch rarely rehashes on the record path.
        changed = new Object2ObjectHashMap<>(Math.max(8, taken.size() * 2), Hashing.DEFAULT_LOAD_FACTOR);
        return new StateChanges() {
            @Override
            public int size() {
                return taken.size();
            }

            @Override
            public void forEach(Visitor visitor) {
                taken.forEach((key, value) -> {
                    if (value == REMOVED) {
                        visitor.removed(key);
                    } else {
                        visitor.changed(key, value);
                    }
                });
            }
        };
    }
}
