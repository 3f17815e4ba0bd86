package io.streamline.operators.dstream;

import java.util.List;

/**
 * A DStream computed from its parent's batch at the same time by a function of the batch (map, filter,
 * reduceByKey, transform ...), with the parent's slide duration, as Spark's {@code TransformedDStream}.
 */
final class TransformedNode<P, T> extends Node<T> {
    private final Node<P> parent;
    private final BatchFunction<P, T> function;

    TransformedNode(DStreamGraph graph, String name, Node<P> parent, BatchFunction<P, T> function) {
        super(graph, name, parent.slideMillis, List.of(parent));
        this.parent = parent;
        this.function = function;
    }

    @Override
    List<T> compute(long time, BatchContext batch) {
        return function.apply(batch.batchOf(parent, time), new Time(time));
    }
}
