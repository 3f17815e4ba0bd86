package io.streamline.operators.dstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A DStream of key-value pairs, as Spark's {@code JavaPairDStream}: the keyed transformations, windows, state and
 * joins. Keys need {@code equals}/{@code hashCode}; keys and values of windowed or stateful streams must be
 * serializable, as they are checkpointed.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class PairDStream<K, V> extends DStream<Tuple2<K, V>> {
    PairDStream(StreamingContext ssc, Node<Tuple2<K, V>> node) {
        super(ssc, node);
    }

    /** The pair stream of a stream of pairs (Spark's {@code JavaPairDStream.fromJavaDStream}). */
    public static <K, V> PairDStream<K, V> fromDStream(DStream<Tuple2<K, V>> stream) {
        return new PairDStream<>(stream.ssc, stream.node);
    }

    // ---- per batch

    @Override
    public PairDStream<K, V> filter(Predicate<? super Tuple2<K, V>> predicate) {
        return fromDStream(super.filter(predicate));
    }

    /** The pairs of this stream and {@code other}, batch by batch. */
    public PairDStream<K, V> union(PairDStream<K, V> other) {
        return fromDStream(super.union(other));
    }

    @Override
    public PairDStream<K, V> repartition(int numPartitions) {
        return fromDStream(super.repartition(numPartitions));
    }

    /** Each key of the batch with all its values, in arrival order. */
    public PairDStream<K, List<V>> groupByKey() {
        return derivePairs("groupByKey", (batch, time) -> BatchOps.groupByKey(batch));
    }

    /** Each key of the batch with its values reduced by {@code fn}. */
    public PairDStream<K, V> reduceByKey(BinaryOperator<V> fn) {
        return derivePairs("reduceByKey", (batch, time) -> BatchOps.reduceByKey(batch, fn));
    }

    /** The values mapped, keys kept. */
    public <U> PairDStream<K, U> mapValues(Function<? super V, ? extends U> fn) {
        return derivePairs("mapValues", (batch, time) -> {
            List<Tuple2<K, U>> out = new ArrayList<>(batch.size());
            batch.forEach(kv -> out.add(new Tuple2<>(kv._1(), fn.apply(kv._2()))));
            return out;
        });
    }

    /** Zero or more values per value, each with the key. */
    public <U> PairDStream<K, U> flatMapValues(Function<? super V, ? extends Iterator<? extends U>> fn) {
        return derivePairs("flatMapValues", (batch, time) -> {
            List<Tuple2<K, U>> out = new ArrayList<>();
            for (Tuple2<K, V> kv : batch) {
                Iterator<? extends U> it = fn.apply(kv._2());
                while (it.hasNext()) {
                    out.add(new Tuple2<>(kv._1(), it.next()));
                }
            }
            return out;
        });
    }

    // ---- windows

    @Override
    public PairDStream<K, V> window(Duration window) {
        return fromDStream(super.window(window));
    }

    @Override
    public PairDStream<K, V> window(Duration window, Duration slide) {
        return fromDStream(super.window(window, slide));
    }

    /** Each key of the window with all its values. */
    public PairDStream<K, List<V>> groupByKeyAndWindow(Duration window, Duration slide) {
        return window(window, slide).groupByKey();
    }

    /** Each key of the last {@code window} of batches, at every batch, with its values reduced by {@code fn}. */
    public PairDStream<K, V> reduceByKeyAndWindow(BinaryOperator<V> fn, Duration window) {
        return reduceByKeyAndWindow(fn, window, slideDuration());
    }

    /**
     * Each key of the window with its values reduced by {@code fn}, recomputed from the window's batches (each reduced
     * by key first) at every slide, as Spark's {@code reduceByKeyAndWindow} without an inverse function.
     */
    public PairDStream<K, V> reduceByKeyAndWindow(BinaryOperator<V> fn, Duration window, Duration slide) {
        return reduceByKey(fn).window(window, slide).reduceByKey(fn);
    }

    /**
     * {@link #reduceByKeyAndWindow(BinaryOperator, Duration, Duration)} computed incrementally: the window's value per
     * key is kept and updated with the batches entering ({@code fn}) and leaving ({@code invFn}) it, so each slide's
     * work is proportional to them rather than to the window. Keys whose value returns to the reduction's zero are
     * kept (use the variant with a filter to drop them). Needs a checkpoint directory.
     */
    public PairDStream<K, V> reduceByKeyAndWindow(BinaryOperator<V> fn, BinaryOperator<V> invFn, Duration window, Duration slide) {
        return reduceByKeyAndWindow(fn, invFn, window, slide, null);
    }

    /** The incremental variant keeping only the keys whose pair {@code filterFn} accepts (e.g. non-zero counts). */
    public PairDStream<K, V> reduceByKeyAndWindow(BinaryOperator<V> fn, BinaryOperator<V> invFn, Duration window, Duration slide,
                                                  Predicate<Tuple2<K, V>> filterFn) {
        PairDStream<K, V> reduced = reduceByKey(fn);
        return new PairDStream<>(ssc, new ReducedWindowNode<>(graph(), reduced.node, fn, invFn, window, slide, filterFn));
    }

    // ---- state

    /**
     * Spark's {@code updateStateByKey}: every batch, {@code fn} gets each key's new values (an empty list if none)
     * and its previous state, for every key with values or state; returning empty removes the key. The stream is every
     * key's state after each batch. Needs a checkpoint directory.
     */
    public <S> PairDStream<K, S> updateStateByKey(BiFunction<List<V>, Optional<S>, Optional<S>> fn) {
        return new PairDStream<>(ssc, new UpdateStateNode<>(graph(), node, fn, List.of()));
    }

    /**
     * Spark's {@code updateStateByKey(fn, numPartitions)}: the same state; as with {@link #repartition}, a batch is
     * computed as one list here, so {@code numPartitions} is checked (positive) and changes nothing else.
     */
    public <S> PairDStream<K, S> updateStateByKey(BiFunction<List<V>, Optional<S>, Optional<S>> fn, int numPartitions) {
        return updateStateByKey(fn, numPartitions, List.of());
    }

    /**
     * Spark's {@code updateStateByKey(fn, partitioner, initialRDD)}: as {@link #updateStateByKey(BiFunction)}, the
     * state starting from {@code initialState} (one pair per key) in the first batch of a new checkpoint, so {@code fn}
     * is called in that batch for every key of it too, with its initial state. A restart on an existing checkpoint
     * resumes the checkpointed state instead. {@code numPartitions} stands for the partitioner, checked and otherwise
     * unused, as in {@link #repartition}.
     */
    public <S> PairDStream<K, S> updateStateByKey(BiFunction<List<V>, Optional<S>, Optional<S>> fn, int numPartitions,
                                                  List<Tuple2<K, S>> initialState) {
        checkPartitions("updateStateByKey", numPartitions);
        return new PairDStream<>(ssc, new UpdateStateNode<>(graph(), node, fn, initialState));
    }

    /**
     * Spark's {@code mapWithState}: the spec's function for every record, with the key's {@link State}; the stream is
     * what it returned, {@link MapWithStateDStream#stateSnapshots()} every key's state. Needs a checkpoint directory.
     */
    public <S, M> MapWithStateDStream<K, V, S, M> mapWithState(StateSpec<K, V, S, M> spec) {
        return new MapWithStateDStream<>(ssc, new MapWithStateNode<>(graph(), node, spec));
    }

    // ---- joins of two pair streams' batches at the same time

    /** Every pair of values of a key present in both batches. */
    public <W> PairDStream<K, Tuple2<V, W>> join(PairDStream<K, W> other) {
        return new PairDStream<>(ssc, new TransformedWithNode<>(graph(), "join", node, other.node, (l, r, t) -> BatchOps.join(l, r)));
    }

    /** Every value of this batch with each matching value of {@code other}'s, or empty if none. */
    public <W> PairDStream<K, Tuple2<V, Optional<W>>> leftOuterJoin(PairDStream<K, W> other) {
        return new PairDStream<>(ssc, new TransformedWithNode<>(graph(), "leftOuterJoin", node, other.node,
                (l, r, t) -> BatchOps.leftOuterJoin(l, r)));
    }

    /** Every value of {@code other}'s batch with each matching value of this one, or empty if none. */
    public <W> PairDStream<K, Tuple2<Optional<V>, W>> rightOuterJoin(PairDStream<K, W> other) {
        return new PairDStream<>(ssc, new TransformedWithNode<>(graph(), "rightOuterJoin", node, other.node,
                (l, r, t) -> BatchOps.rightOuterJoin(l, r)));
    }

    /** Every key of either batch with each pair of values, a missing side empty. */
    public <W> PairDStream<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(PairDStream<K, W> other) {
        return new PairDStream<>(ssc, new TransformedWithNode<>(graph(), "fullOuterJoin", node, other.node,
                (l, r, t) -> BatchOps.fullOuterJoin(l, r)));
    }

    /** Every key of either batch with its values on each side. */
    public <W> PairDStream<K, Tuple2<List<V>, List<W>>> cogroup(PairDStream<K, W> other) {
        return new PairDStream<>(ssc, new TransformedWithNode<>(graph(), "cogroup", node, other.node, (l, r, t) -> BatchOps.cogroup(l, r)));
    }
}
