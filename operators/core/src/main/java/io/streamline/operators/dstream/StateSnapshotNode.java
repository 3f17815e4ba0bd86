package io.streamline.operators.dstream;

import java.util.List;

/** Spark's {@code stateSnapshots()} of a mapWithState stream: every key's state after each batch. */
final class StateSnapshotNode<K, S> extends Node<Tuple2<K, S>> {
    private final MapWithStateNode<K, ?, S, ?> parent;

    StateSnapshotNode(DStreamGraph graph, MapWithStateNode<K, ?, S, ?> parent) {
        super(graph, "stateSnapshots", parent.slideMillis, List.of(parent));
        this.parent = parent;
    }

    @Override
    List<Tuple2<K, S>> compute(long time, BatchContext batch) {
        batch.batchOf(parent, time); // the parent ran at this time first: its states are those after the batch
        return parent.snapshots();
    }
}
