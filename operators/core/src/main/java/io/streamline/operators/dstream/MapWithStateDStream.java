package io.streamline.operators.dstream;

/**
 * What {@link PairDStream#mapWithState} returns, as Spark's {@code JavaMapWithStateDStream}: the values the mapping
 * function returned, batch by batch, and {@link #stateSnapshots()}.
 */
public final class MapWithStateDStream<K, V, S, M> extends DStream<M> {
    private final MapWithStateNode<K, V, S, M> stateNode;

    MapWithStateDStream(StreamingContext ssc, MapWithStateNode<K, V, S, M> node) {
        super(ssc, node);
        this.stateNode = node;
    }

    /** Every key's state after each batch. */
    public PairDStream<K, S> stateSnapshots() {
        return new PairDStream<>(ssc, new StateSnapshotNode<>(graph(), stateNode));
    }
}
