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
 */
final class UpdateStateNode<K, V, S> extends Node<Tuple2<K, S>> {
    private final Node<Tuple2<K, V>> parent;
    private final BiFunction<List<V>, Optional<S>, Optional<S>> update;
    private KeyedState<K, S> states;

    UpdateStateNode(DStreamGraph graph, Node<Tuple2<K, V>> parent, BiFunction<List<V>, Optional<S>, Optional<S>> update) {
        super(graph, "updateStateByKey", parent.slideMillis, List.of(parent));
        this.parent = parent;
        this.update = update;
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
