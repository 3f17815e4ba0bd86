package io.streamline.operators.dstream;

import io.streamline.engine.state.KeyedState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Spark's {@code StateDStream} ({@code updateStateByKey}): at every batch the function is called for every key that
 * has new values or state, with the batch's values (an empty list when it has none) and the previous state; an
 * empty result removes the key. The batch is every key's state afterwards. The state is checkpointed with the batch.
 * An initial state is the previous state of the node's first batch after the zero time: a re-run of that batch after
 * a crash starts from it again (nothing was committed), a later restart from the checkpointed state.
 */
final class UpdateStateNode<K, V, S> extends Node<Tuple2<K, S>> {
    private final Node<Tuple2<K, V>> parent;
    private final BiFunction<List<V>, Optional<S>, Optional<S>> update;
    private final Map<K, S> initialState;
    private KeyedState<K, S> states;

    UpdateStateNode(DStreamGraph graph, Node<Tuple2<K, V>> parent, BiFunction<List<V>, Optional<S>, Optional<S>> update,
                    List<Tuple2<K, S>> initialState) {
        super(graph, "updateStateByKey", parent.slideMillis, List.of(parent));
        this.parent = parent;
        this.update = update;
        this.initialState = initialMap(initialState);
    }

    private static <K, S> Map<K, S> initialMap(List<Tuple2<K, S>> pairs) {
        Map<K, S> initial = new LinkedHashMap<>();
        for (Tuple2<K, S> kv : pairs) {
            if (kv._2() == null) {
                throw new IllegalArgumentException("updateStateByKey: the initial state of key " + kv._1() + " is null; "
                        + "leave keys without state out of the initial state");
            }
            if (initial.put(kv._1(), kv._2()) != null) {
                throw new IllegalArgumentException("updateStateByKey: the initial state has key " + kv._1() + " twice; "
                        + "give one state per key");
            }
        }
        return initial;
    }

    @Override
    void attach(GraphState state) {
        states = state.newSlot();
    }

    @Override
    boolean mustCheckpoint() {
        return true;
    }

    @Override
    List<Tuple2<K, S>> compute(long time, BatchContext batch) {
        if (time == batch.zeroTime() + slideMillis) {
            initialState.forEach(states::put);
        }
        Map<K, List<V>> values = new LinkedHashMap<>();
        for (Tuple2<K, V> kv : batch.batchOf(parent, time)) {
            values.computeIfAbsent(kv._1(), k -> new ArrayList<>()).add(kv._2());
        }
        List<K> idle = new ArrayList<>();
        states.forEach((key, s) -> {
            if (!values.containsKey(key)) {
                idle.add(key);
            }
        });
        for (K key : idle) {
            apply(key, List.of());
        }
        values.forEach(this::apply);
        List<Tuple2<K, S>> out = new ArrayList<>((int) states.numRows());
        states.forEach((key, s) -> out.add(new Tuple2<>(key, s)));
        return out;
    }

    private void apply(K key, List<V> newValues) {
        Optional<S> next = update.apply(newValues, Optional.ofNullable(states.get(key)));
        if (next == null || next.isEmpty()) {
            states.remove(key);
        } else {
            states.put(key, next.get());
        }
    }
}
