package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;

import java.util.HashMap;
import java.util.function.BiConsumer;

/**
 * The keyed-state primitive: a map from key to value owned by one operator on one thread, checkpointed on
 * every epoch marker and restored on recovery. Plain {@link HashMap}: only its owning task touches it.
 */
public final class KeyedState<K, V> implements OperatorState {
    private final HashMap<K, V> entries = new HashMap<>();

    /** The value for {@code key}, or {@code null}. */
    public V get(K key) {
        return entries.get(key);
    }

    /** Sets the value for {@code key}. */
    public void put(K key, V value) {
        entries.put(key, value);
    }

    /** Removes {@code key}. */
    public void remove(K key) {
        entries.remove(key);
    }

    /** Visits every entry. */
    public void forEach(BiConsumer<? super K, ? super V> visitor) {
        entries.forEach(visitor);
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
}
