package io.streamline.engine.state;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Keyed state per namespace, Flink's namespaced state: a value per (key, namespace), where the key is what records
 * are grouped by and the namespace is, say, a window. Namespaces are ordered, so an operator finds in order every
 * entry whose namespace is at or below a bound (the windows a watermark closes) and every namespace of one key (a
 * key's sessions). Checkpointed incrementally like {@link KeyedState}, whose entries it keeps; values must be
 * treated as immutable once stored. Owned by one operator on one thread.
 *
 * @param <K> grouping key
 * @param <N> namespace, e.g. a window; must be comparable and checkpointable
 * @param <V> value
 */
public final class NamespacedState<K, N extends Comparable<N>, V> implements OperatorState {
    /** The key of an entry as checkpointed: grouping key and namespace. */
    public record Entry<K, N>(K key, N namespace) implements Serializable {
    }

    /** Visits one entry. */
    @FunctionalInterface
    public interface EntryVisitor<K, N, V> {
        /** {@code key} in {@code namespace} holds {@code value}. */
        void visit(K key, N namespace, V value);
    }

    private final KeyedState<Entry<K, N>, V> entries = new KeyedState<>();
    private final TreeMap<N, Set<K>> keysByNamespace = new TreeMap<>();
    private final Map<K, TreeSet<N>> namespacesByKey = new HashMap<>();

    /** The value of {@code key} in {@code namespace}, or {@code null}. */
    public V get(K key, N namespace) {
        return entries.get(new Entry<>(key, namespace));
    }

    /** Sets the value of {@code key} in {@code namespace}; not null, never mutated afterwards. */
    public void put(K key, N namespace, V value) {
        if (entries.put(new Entry<>(key, namespace), value) == null) {
            index(key, namespace); // an entry already there is indexed: a window's updates after its first cost no index lookups
        }
    }

    /** Removes {@code key} from {@code namespace}. */
    public void remove(K key, N namespace) {
        if (entries.get(new Entry<>(key, namespace)) == null) {
            return;
        }
        entries.remove(new Entry<>(key, namespace));
        Set<K> keys = keysByNamespace.get(namespace);
        keys.remove(key);
        if (keys.isEmpty()) {
            keysByNamespace.remove(namespace);
        }
        TreeSet<N> namespaces = namespacesByKey.get(key);
        namespaces.remove(namespace);
        if (namespaces.isEmpty()) {
            namespacesByKey.remove(key);
        }
    }

    /** The namespaces {@code key} has a value in, in order (a view: copy it before changing the state). */
    public NavigableSet<N> namespacesOf(K key) {
        TreeSet<N> namespaces = namespacesByKey.get(key);
        return namespaces == null ? new TreeSet<>() : java.util.Collections.unmodifiableNavigableSet(namespaces);
    }

    /**
     * Visits, in namespace order, every entry whose namespace is at or below {@code bound} (below it if not
     * {@code inclusive}) and removes it: the entries a watermark completes.
     */
    public void evictUpTo(N bound, boolean inclusive, EntryVisitor<K, N, V> visitor) {
        Iterator<Map.Entry<N, Set<K>>> due = keysByNamespace.headMap(bound, inclusive).entrySet().iterator();
        while (due.hasNext()) {
            Map.Entry<N, Set<K>> namespace = due.next();
            due.remove();
            for (K key : namespace.getValue()) {
                Entry<K, N> entry = new Entry<>(key, namespace.getKey());
                V value = entries.get(entry);
                entries.remove(entry);
                TreeSet<N> namespaces = namespacesByKey.get(key);
                namespaces.remove(namespace.getKey());
                if (namespaces.isEmpty()) {
                    namespacesByKey.remove(key);
                }
                visitor.visit(key, namespace.getKey(), value);
            }
        }
    }

    /** Visits every entry, in namespace order. */
    public void forEach(EntryVisitor<K, N, V> visitor) {
        keysByNamespace.forEach((namespace, keys) -> keys.forEach(key -> visitor.visit(key, namespace, get(key, namespace))));
    }

    /** Visits the entries changed since the last checkpoint, with their current value; removed ones are skipped. */
    public void forEachChanged(EntryVisitor<K, N, V> visitor) {
        entries.forEachChanged((entry, value) -> visitor.visit(entry.key(), entry.namespace(), value));
    }

    /** Every namespace that holds a value, in order. */
    public Set<N> namespaces() {
        return java.util.Collections.unmodifiableSet(keysByNamespace.keySet());
    }

    private void index(K key, N namespace) {
        keysByNamespace.computeIfAbsent(namespace, n -> new LinkedHashSet<>()).add(key);
        namespacesByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(namespace);
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        entries.snapshot(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        Entry<K, N> entry = (Entry<K, N>) key;
        entries.restore(entry, value);
        index(entry.key(), entry.namespace());
    }

    @Override
    public long numRows() {
        return entries.numRows();
    }

    @Override
    public StateChanges takeChanges() {
        return entries.takeChanges();
    }

    @Override
    public Object groupingKeyOf(Object stateKey) {
        return ((Entry<?, ?>) stateKey).key();
    }
}
