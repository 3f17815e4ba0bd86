package io.streamline.operators.dstream;

import io.streamline.engine.state.KeyedState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spark's {@code MapWithStateDStream}: calls the {@link StateSpec}'s function for every record of the batch with the
 * key's state, then, with a timeout, once for every key idle for longer, removing its state. The batch is what the
 * calls returned; {@link #snapshots()} holds every key's state after it. Keys are visited for timeouts oldest first
 * from an index by last-record time, so a batch's work is proportional to its records and the keys timing out.
 */
final class MapWithStateNode<K, V, S, M> extends Node<M> {
    /** A key's state and the time of the batch that last had a record for it. */
    record TimedState<S>(S value, long updatedMillis) implements Serializable {
    }

    private static final String INITIALISED = "initialised";

    private final Node<Tuple2<K, V>> parent;
    private final StateSpec<K, V, S, M> spec;
    private KeyedState<K, TimedState<S>> states;
    private KeyedState<String, Boolean> meta;
    /** Keys by last-record time, oldest first (insertion order, re-inserted on every record); with a timeout only. */
    private final LinkedHashMap<K, Long> byTime = new LinkedHashMap<>();
    private boolean indexed;

    MapWithStateNode(DStreamGraph graph, Node<Tuple2<K, V>> parent, StateSpec<K, V, S, M> spec) {
        super(graph, "mapWithState" + (spec.timeoutMillis() > 0 ? "(timeout " + spec.timeoutMillis() + ")" : ""),
                parent.slideMillis, List.of(parent));
        this.parent = parent;
        this.spec = spec;
    }

    @Override
    void attach(GraphState state) {
        states = state.newSlot();
        meta = state.newSlot();
        byTime.clear();
        indexed = false;
    }

    @Override
    boolean mustCheckpoint() {
        return true;
    }

    /** Every key's state after the batch at the time just computed. */
    List<Tuple2<K, S>> snapshots() {
        List<Tuple2<K, S>> out = new ArrayList<>((int) states.numRows());
        states.forEach((key, s) -> out.add(new Tuple2<>(key, s.value())));
        return out;
    }

    @Override
    List<M> compute(long time, BatchContext batch) {
        if (meta.get(INITIALISED) == null) {
            spec.initialStatePairs().forEach(kv -> put(kv._1(), kv._2(), time));
            meta.put(INITIALISED, Boolean.TRUE);
        }
        if (spec.timeoutMillis() > 0 && !indexed) {
            rebuildIndex();
        }
        List<M> mapped = new ArrayList<>();
        State<S> state = new State<>();
        for (Tuple2<K, V> kv : batch.batchOf(parent, time)) {
            K key = kv._1();
            TimedState<S> current = states.get(key);
            state.wrap(current == null ? null : current.value(), false);
            add(mapped, call(key, Optional.ofNullable(kv._2()), state));
            if (state.isRemoved()) {
                remove(key);
            } else if (state.isUpdated() || state.exists() && spec.timeoutMillis() > 0) {
                put(key, state.get(), time); // a record keeps the key from timing out even without an update
            }
        }
        if (spec.timeoutMillis() > 0) {
            long threshold = time - spec.timeoutMillis();
            List<K> timedOut = new ArrayList<>();
            for (Iterator<Map.Entry<K, Long>> it = byTime.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<K, Long> e = it.next();
                if (e.getValue() >= threshold) {
                    break;
                }
                timedOut.add(e.getKey());
            }
            for (K key : timedOut) {
                state.wrap(states.get(key).value(), true);
                add(mapped, call(key, Optional.empty(), state));
                remove(key);
            }
        }
        return mapped;
    }

    private M call(K key, Optional<V> value, State<S> state) {
        try {
            return spec.mappingFunction().call(key, value, state);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("mapWithState function failed for key " + key + ": " + e.getMessage(), e);
        }
    }

    private static <M> void add(List<M> mapped, M value) {
        if (value != null) {
            mapped.add(value);
        }
    }

    private void put(K key, S value, long time) {
        states.put(key, new TimedState<>(value, time));
        if (spec.timeoutMillis() > 0) {
            byTime.remove(key);
            byTime.put(key, time);
        }
    }

    private void remove(K key) {
        states.remove(key);
        byTime.remove(key);
    }

    /** After a restart the index is rebuilt from the restored states. */
    private void rebuildIndex() {
        List<Map.Entry<K, Long>> entries = new ArrayList<>();
        states.forEach((key, s) -> entries.add(Map.entry(key, s.updatedMillis())));
        entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        byTime.clear();
        entries.forEach(e -> byTime.put(e.getKey(), e.getValue()));
        indexed = true;
    }
}
