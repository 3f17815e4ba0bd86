package io.streamline.operators.dstream;

import io.streamline.engine.state.KeyedState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

/**
 * Spark's {@code ReducedWindowedDStream}: {@code reduceByKeyAndWindow} with an inverse function. The window's value
 * per key is kept (checkpointed) from one slide to the next and updated with only the batches entering and leaving
 * it: {@code value = reduce(invReduce(previous, leaving), entering)}, so the work per slide is proportional to those
 * batches, not to the window. A key whose value reaches the zero of the reduction stays unless {@code filter} drops
 * it. The parent is the per-batch {@code reduceByKey} of the stream, kept for window + slide.
 */
final class ReducedWindowNode<K, V> extends Node<Tuple2<K, V>> {
    private final Node<Tuple2<K, V>> reducedParent;
    private final BinaryOperator<V> reduce;
    private final BinaryOperator<V> invReduce;
    private final Predicate<Tuple2<K, V>> filter;
    private final long windowMillis;
    private KeyedState<K, V> window;

    ReducedWindowNode(DStreamGraph graph, Node<Tuple2<K, V>> reducedParent, BinaryOperator<V> reduce, BinaryOperator<V> invReduce,
                      Duration window, Duration slide, Predicate<Tuple2<K, V>> filter) {
        this(graph, reducedParent, reduce, invReduce,
                SlideDurations.multipleOf("reduceByKeyAndWindow", "window duration", window, reducedParent.slideMillis),
                SlideDurations.multipleOf("reduceByKeyAndWindow", "slide duration", slide, reducedParent.slideMillis), filter);
    }

    private ReducedWindowNode(DStreamGraph graph, Node<Tuple2<K, V>> reducedParent, BinaryOperator<V> reduce, BinaryOperator<V> invReduce,
                              long windowMillis, long slideMillis, Predicate<Tuple2<K, V>> filter) {
        super(graph, "reduceByKeyAndWindow(" + windowMillis + "," + slideMillis + ",inverse" + (filter != null ? ",filter" : "") + ")",
                slideMillis, List.of(reducedParent));
        this.reducedParent = reducedParent;
        this.reduce = reduce;
        this.invReduce = invReduce;
        this.filter = filter;
        this.windowMillis = windowMillis;
        reducedParent.remember(windowMillis + slideMillis);
    }

    @Override
    void attach(GraphState state) {
        window = state.newSlot();
    }

    @Override
    boolean mustCheckpoint() {
        return true;
    }

    @Override
    List<Tuple2<K, V>> compute(long time, BatchContext batch) {
        long step = reducedParent.slideMillis;
        // Leaving: the previous window's (T - slide - window, T - window]; entering: (T - slide, T].
        Map<K, V> leaving = reduceBatches(batch, time - slideMillis - windowMillis + step, time - windowMillis);
        Map<K, V> entering = reduceBatches(batch, time - slideMillis + step, time);
        for (Map.Entry<K, V> e : leaving.entrySet()) {
            K key = e.getKey();
            V previous = window.get(key);
            if (previous == null) {
                continue; // dropped by the filter earlier: nothing of the key is left in the window to take back
            }
            V entered = entering.remove(key);
            V value = invReduce.apply(previous, e.getValue());
            update(key, entered == null ? value : reduce.apply(value, entered));
        }
        for (Map.Entry<K, V> e : entering.entrySet()) {
            V previous = window.get(e.getKey());
            update(e.getKey(), previous == null ? e.getValue() : reduce.apply(previous, e.getValue()));
        }
        List<Tuple2<K, V>> out = new ArrayList<>((int) window.numRows());
        window.forEach((key, value) -> out.add(new Tuple2<>(key, value)));
        return out;
    }

    private void update(K key, V value) {
        if (filter != null && !filter.test(new Tuple2<>(key, value))) {
            window.remove(key);
        } else {
            window.put(key, value);
        }
    }

    /** The reduction per key of the parent's batches at times in [from, to], oldest first; none before the zero time. */
    private Map<K, V> reduceBatches(BatchContext batch, long from, long to) {
        Map<K, V> reduced = new LinkedHashMap<>();
        for (long t = Math.max(from, batch.zeroTime() + reducedParent.slideMillis); t <= to; t += reducedParent.slideMillis) {
            for (Tuple2<K, V> kv : batch.batchOf(reducedParent, t)) {
                reduced.merge(kv._1(), kv._2(), reduce);
            }
        }
        return reduced;
    }
}
