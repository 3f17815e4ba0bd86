package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2ObjectHashMap;

import java.util.HashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The keyed-state primitive: a map from key to value owned by one operator on one thread, checkpointed on
 * every epoch marker and restored on recovery. Plain maps: only the owning task touches them.
 *
 * <p>Checkpoints are incremental: besides the entries, the state keeps the keys changed in the current epoch
 * (an open-addressing map, so tracking a change allocates nothing per record) and hands them to the engine's
 * background snapshot writer on the marker; the writer hands the map back when it is done, so a steady state
 * allocates no new one. Values of a class that cannot change ({@link Immutability}: strings, boxed primitives,
 * records of such) go to the writer by reference; any other value is encoded on the operator's thread at the
 * marker, so a value the operator mutates after storing it is still checkpointed as it was at the marker.
 */
public final class KeyedState<K, V> implements OperatorState {
    /** Stands for a removed key among the changes. */
    private static final Object REMOVED = new Object();

    /** A value encoded at the marker because its class could change it afterwards. */
    private record Encoded(byte[] bytes) {
    }

    private final HashMap<K, V> entries = new HashMap<>();
    private Object2ObjectHashMap<Object, Object> changed = new Object2ObjectHashMap<>();
    /** The changes map the writer handed back, for the next epoch to reuse. */
    private final AtomicReference<Object2ObjectHashMap<Object, Object>> spare = new AtomicReference<>();
    /** Whether a value stored this epoch is of a class that may change after it was stored. */
    private boolean mutableChanged;
    /** The last value class found immutable: the usual single class costs one comparison per put. */
    private Class<?> immutableClass;
    /** Where values are encoded at the marker, reused (the operator's thread only): each keeps just its own bytes. */
    private final ExpandableArrayBuffer encodeBuffer = new ExpandableArrayBuffer(256);

    /** The value for {@code key}, or {@code null}. */
    public V get(K key) {
        return entries.get(key);
    }

    /**
     * Sets the value for {@code key}; {@code value} must not be null and must not be mutated afterwards.
     *
     * @return the key's previous value, or {@code null} if it had none
     */
    public V put(K key, V value) {
        V previous = entries.put(key, Objects.requireNonNull(value, "state values must not be null; use remove"));
        changed.put(key, value);
        Class<?> type = value.getClass();
        if (type != immutableClass) {
            if (Immutability.isImmutable(type)) {
                immutableClass = type;
            } else {
                mutableChanged = true;
            }
        }
        return previous;
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
        if (mutableChanged) {
            taken.replaceAll((key, value) -> value == REMOVED || Immutability.isImmutable(value.getClass())
                    ? value : new Encoded(StateCodec.encodeVia(value, encodeBuffer)));
            mutableChanged = false;
        }
        Object2ObjectHashMap<Object, Object> reused = spare.getAndSet(null);
        // A new map is sized for as many keys as this epoch touched, so the next epoch rarely rehashes on the record
        // path; a reused one (the writer's hand-back) already is.
        changed = reused != null ? reused : new Object2ObjectHashMap<>(Math.max(8, taken.size() * 2), Hashing.DEFAULT_LOAD_FACTOR);
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
                    } else if (value instanceof Encoded e) {
                        visitor.changedEncoded(key, e.bytes());
                    } else {
                        visitor.changed(key, value);
                    }
                });
            }

            @Override
            public void release() {
                taken.clear();
                spare.set(taken);
            }
        };
    }
}
