package io.streamline.operators.dstream;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A discretized stream, as Spark Streaming's {@code DStream}/{@code JavaDStream}: a sequence of batches, one per
 * batch time of its {@link StreamingContext}, each a list of elements (Spark's RDD). Transformations define new
 * DStreams; output operations ({@link #print}, {@link #foreachRDD}, {@link #saveAsTextFiles}) make the context compute
 * them. Nothing runs until {@link StreamingContext#start()}; a batch is computed from the batches of its parents at
 * the same time (or, for windows, earlier times), once per batch time valid for the stream: a multiple of its slide
 * duration, which is the batch interval unless it is windowed.
 *
 * @param <T> element type (serializable if the stream is windowed or kept in state: it is checkpointed)
 */
public class DStream<T> {
    final StreamingContext ssc;
    final Node<T> node;

    DStream(StreamingContext ssc, Node<T> node) {
        this.ssc = ssc;
        this.node = node;
    }

    /** The context this stream belongs to. */
    public StreamingContext context() {
        return ssc;
    }

    /** How often the stream has a batch: the batch interval, or a window's slide. */
    public Duration slideDuration() {
        return Duration.ofMillis(node.slideMillis);
    }

    final DStreamGraph graph() {
        return ssc.graph();
    }

    final <R> DStream<R> derive(String name, BatchFunction<T, R> function) {
        return new DStream<>(ssc, new TransformedNode<>(graph(), name, node, function));
    }

    final <K, V> PairDStream<K, V> derivePairs(String name, BatchFunction<T, Tuple2<K, V>> function) {
        return new PairDStream<>(ssc, new TransformedNode<>(graph(), name, node, function));
    }

    // ---- transformations

    /** One element per element. */
    public <R> DStream<R> map(Function<? super T, ? extends R> fn) {
        return derive("map", (batch, time) -> {
            List<R> out = new ArrayList<>(batch.size());
            batch.forEach(t -> out.add(fn.apply(t)));
            return out;
        });
    }

    /** One pair per element: Spark's Java {@code mapToPair}. */
    public <K, V> PairDStream<K, V> mapToPair(Function<? super T, Tuple2<K, V>> fn) {
        return derivePairs("mapToPair", (batch, time) -> {
            List<Tuple2<K, V>> out = new ArrayList<>(batch.size());
            batch.forEach(t -> out.add(fn.apply(t)));
            return out;
        });
    }

    /** Zero or more elements per element: {@code lines.flatMap(l -> Arrays.asList(l.split(" ")).iterator())}. */
    public <R> DStream<R> flatMap(Function<? super T, ? extends Iterator<? extends R>> fn) {
        return derive("flatMap", (batch, time) -> BatchOps.flatMap(batch, fn));
    }

    /** Zero or more pairs per element. */
    public <K, V> PairDStream<K, V> flatMapToPair(Function<? super T, ? extends Iterator<Tuple2<K, V>>> fn) {
        return derivePairs("flatMapToPair", (batch, time) -> BatchOps.flatMap(batch, fn));
    }

    /** The elements {@code predicate} accepts. */
    public DStream<T> filter(Predicate<? super T> predicate) {
        return derive("filter", (batch, time) -> {
            List<T> out = new ArrayList<>();
            batch.forEach(t -> {
                if (predicate.test(t)) {
                    out.add(t);
                }
            });
            return out;
        });
    }

    /** The elements of this stream and {@code other}, batch by batch; both must have the same slide duration. */
    public DStream<T> union(DStream<T> other) {
        return new DStream<>(ssc, new UnionNode<>(graph(), List.of(node, other.node)));
    }

    /** One element per batch: how many elements it has (0 for an empty batch). */
    public DStream<Long> count() {
        return derive("count", (batch, time) -> List.of((long) batch.size()));
    }

    /** One element per non-empty batch: its elements reduced with {@code fn}; an empty batch stays empty. */
    public DStream<T> reduce(BinaryOperator<T> fn) {
        return derive("reduce", (batch, time) -> batch.stream().reduce(fn).map(List::of).orElse(List.of()));
    }

    /** Each distinct element of the batch with how often it occurs. */
    public PairDStream<T, Long> countByValue() {
        return derivePairs("countByValue", (batch, time) -> BatchOps.countByValue(batch));
    }

    /** A function of the whole batch (Spark's RDD-to-RDD {@code transform}). */
    public <R> DStream<R> transform(Function<List<T>, List<R>> fn) {
        return derive("transform", (batch, time) -> fn.apply(batch));
    }

    /** A function of the whole batch and its time. */
    public <R> DStream<R> transform(BiFunction<List<T>, Time, List<R>> fn) {
        return derive("transform", fn::apply);
    }

    /** A function of the whole batch giving pairs. */
    public <K, V> PairDStream<K, V> transformToPair(Function<List<T>, List<Tuple2<K, V>>> fn) {
        return derivePairs("transformToPair", (batch, time) -> fn.apply(batch));
    }

    /** A function of this stream's and {@code other}'s batches at the same time; both must have the same slide. */
    public <U, R> DStream<R> transformWith(DStream<U> other, BiFunction<List<T>, List<U>, List<R>> fn) {
        return new DStream<>(ssc, new TransformedWithNode<>(graph(), "transformWith", node, other.node, (l, r, time) -> fn.apply(l, r)));
    }

    /** {@link #transformWith(DStream, BiFunction)} with the batch time, as Spark's Java {@code Function3}. */
    public <U, R> DStream<R> transformWith(DStream<U> other, Function3<List<T>, List<U>, Time, List<R>> fn) {
        return new DStream<>(ssc, new TransformedWithNode<>(graph(), "transformWith", node, other.node, (l, r, time) -> {
            try {
                return fn.call(l, r, time);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("transformWith function failed at " + time + ": " + e.getMessage(), e);
            }
        }));
    }

    /**
     * Spark's {@code repartition(n)}: the same elements. A batch is computed as one list on one thread here, so the
     * number of partitions does not change how it is computed; it is checked and accepted so ported code runs as is.
     */
    public DStream<T> repartition(int numPartitions) {
        checkPartitions("repartition", numPartitions);
        return derive("repartition(" + numPartitions + ")", (batch, time) -> batch);
    }

    static void checkPartitions(String operation, int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException(operation + ": numPartitions must be positive, got " + numPartitions);
        }
    }

    // ---- windows

    /** The elements of the last {@code window} of batches, at every batch. */
    public DStream<T> window(Duration window) {
        return window(window, slideDuration());
    }

    /**
     * At times that are multiples of {@code slide} from the zero time, the elements of the batches in
     * (T - window, T]; both durations must be multiples of this stream's slide duration.
     */
    public DStream<T> window(Duration window, Duration slide) {
        return new DStream<>(ssc, new WindowedNode<>(graph(), node, window, slide));
    }

    /**
     * The number of elements in each window: one element per window, 0 for an empty one. Counted incrementally (the
     * count entering minus the count leaving), so it needs a checkpoint directory, as in Spark.
     */
    public DStream<Long> countByWindow(Duration window, Duration slide) {
        PairDStream<Integer, Long> ones = new PairDStream<>(ssc, new TransformedNode<>(graph(), "countByWindow.count", node,
                (batch, time) -> batch.isEmpty() ? List.<Tuple2<Integer, Long>>of() : List.of(new Tuple2<>(0, (long) batch.size()))));
        return ones.reduceByKeyAndWindow(Long::sum, (a, b) -> a - b, window, slide)
                .derive("countByWindow", (batch, time) -> List.of(batch.isEmpty() ? 0L : batch.get(0)._2()));
    }

    /** One element per non-empty window: its elements reduced with {@code fn} (each batch reduced first). */
    public DStream<T> reduceByWindow(BinaryOperator<T> fn, Duration window, Duration slide) {
        return reduce(fn).window(window, slide).reduce(fn);
    }

    /**
     * {@link #reduceByWindow(BinaryOperator, Duration, Duration)} computed incrementally: {@code invFn} takes the
     * batches leaving the window back out of its previous value. Needs a checkpoint directory.
     */
    public DStream<T> reduceByWindow(BinaryOperator<T> fn, BinaryOperator<T> invFn, Duration window, Duration slide) {
        PairDStream<Integer, T> keyed = mapToPair(t -> new Tuple2<>(0, t));
        return keyed.reduceByKeyAndWindow(fn, invFn, window, slide).map(Tuple2::_2);
    }

    /**
     * How often each element occurs in the window, computed incrementally; elements whose count falls to 0 are
     * removed. Needs a checkpoint directory.
     */
    public PairDStream<T, Long> countByValueAndWindow(Duration window, Duration slide) {
        return mapToPair(t -> new Tuple2<>(t, 1L)).reduceByKeyAndWindow(Long::sum, (a, b) -> a - b, window, slide, kv -> kv._2() != 0L);
    }

    // ---- batches remembered

    /**
     * Spark's {@code DStream.slice(fromTime, toTime)}: this stream's batches at its batch times in [from, to] (both
     * floored to a batch time, as Spark aligns them), oldest first, among those it still remembers: the batches of the
     * {@link StreamingContext#remember} duration (or of the longest window over it) up to the last completed batch.
     * Times not remembered, or not computed yet, are left out. Can be called from any thread of a started context,
     * {@code foreachRDD} included.
     *
     * @throws IllegalStateException if the context was not started, no output operation depends on this stream (it
     *                               is not computed), or it keeps no batches (no remember duration or window)
     */
    public List<List<T>> slice(Time from, Time to) {
        if (to.milliseconds() < from.milliseconds()) {
            throw new IllegalArgumentException("slice(" + from + ", " + to + "): the end is before the start");
        }
        if (ssc.getState() == ContextState.INITIALIZED) {
            throw new IllegalStateException("slice needs a started StreamingContext: there are no batches before start()");
        }
        if (!graph().isNeeded(node)) {
            throw new IllegalStateException("slice: DStream " + node.describe() + " is not computed, as no output operation "
                    + "depends on it; add one (e.g. foreachRDD) before start()");
        }
        if (node.rememberMillis() == 0) {
            throw new IllegalStateException("slice: DStream " + node.describe() + " keeps only its current batch; call "
                    + "StreamingContext.remember(duration) before start() to keep its batches for that long");
        }
        GraphOperator running = graph().running();
        if (running == null) {
            return List.of(); // started, but no batch ran yet
        }
        @SuppressWarnings("unchecked")
        List<List<T>> batches = (List<List<T>>) (List<?>) running.slice(node, from.milliseconds(), to.milliseconds());
        return batches;
    }

    // ---- output operations

    /** Prints the first 10 elements of every batch, as Spark does. */
    public void print() {
        print(10);
    }

    /** Prints the first {@code num} elements of every batch under a {@code Time: ... ms} header, {@code ...} if more. */
    public void print(int num) {
        print(num, System.out);
    }

    /** {@link #print(int)} to {@code out}. */
    public void print(int num, PrintStream out) {
        graph().addOutput(node, new PrintOutput<>(num, out));
    }

    /** Calls {@code fn} with every batch (on the sink's thread, before the batch commits). */
    public void foreachRDD(VoidFunction<List<T>> fn) {
        foreachRDD((batch, time) -> fn.call(batch));
    }

    /** Calls {@code fn} with every batch and its time; after a crash the last uncommitted batch is passed again. */
    public void foreachRDD(VoidFunction2<List<T>, Time> fn) {
        graph().addOutput(node, new ForeachRDDOutput<>(fn));
    }

    /**
     * Saves every batch in a directory {@code prefix-TIME_IN_MS[.suffix]} ({@code part-00000}, one element per line,
     * and {@code _SUCCESS}), written atomically, each batch exactly once.
     */
    public void saveAsTextFiles(String prefix, String suffix) {
        graph().addOutput(node, new SaveAsTextFilesOutput<>(prefix, suffix));
    }
}
