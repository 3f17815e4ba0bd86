package io.streamline.operators.dstream;

import java.util.List;

/**
 * A DStream computed from two parents' batches at the same time (transformWith, joins, cogroup); both parents must
 * have the same slide duration, as Spark requires.
 */
final class TransformedWithNode<L, R, T> extends Node<T> {
    private final Node<L> left;
    private final Node<R> right;
    private final TwoBatchFunction<L, R, T> function;

    TransformedWithNode(DStreamGraph graph, String name, Node<L> left, Node<R> right, TwoBatchFunction<L, R, T> function) {
        super(graph, name, SlideDurations.same(name, List.of(left, right)), List.of(left, right));
        this.left = left;
        this.right = right;
        this.function = function;
    }

    @Override
    List<T> compute(long time, BatchContext batch) {
        return function.apply(batch.batchOf(left, time), batch.batchOf(right, time), new Time(time));
    }
}
