package io.streamline.operators.dstream;

import java.util.ArrayList;
import java.util.List;

/** The elements of several DStreams of the same slide duration, batch by batch, in the order of the streams. */
final class UnionNode<T> extends Node<T> {
    UnionNode(DStreamGraph graph, List<Node<?>> parents) {
        super(graph, "union", SlideDurations.same("union", parents), parents);
    }

    @Override
    @SuppressWarnings("unchecked")
    List<T> compute(long time, BatchContext batch) {
        List<T> all = new ArrayList<>();
        for (Node<?> parent : parents) {
            all.addAll((List<T>) batch.batchOf(parent, time));
        }
        return all;
    }
}
