package io.streamline.operators.join;

import io.streamline.engine.DataStream;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorTraits;

import java.time.Duration;
import java.util.function.Function;

/**
 * Stream-stream joins, Spark's {@code left.join(right, condition, joinType)} on a key and an event-time range:
 *
 * <pre>{@code
 * DataStream<Joined<Impression, Click>> joined = StreamJoin
 *         .of(impressions.withWatermark(Impression::time, "2 hours"), Impression::adId,
 *             clicks.withWatermark(Click::time, "3 hours"), Click::adId)
 *         .within(Duration.ZERO, Duration.ofHours(1))   // a click within an hour after its impression
 *         .leftOuter();
 * }</pre>
 *
 * Event times are those {@code withWatermark} gave the rows. Joins run in append mode only, as in Spark; outer and
 * semi joins need a time range and watermarks on both inputs, so that every row's state is eventually evicted (and
 * an unmatched row emitted null-padded then): a query breaking either rule is refused at {@code start()}. An inner join without a time range keeps every row forever. Both
 * sides' rows are buffered in checkpointed state, so they must be checkpointable: a {@link java.io.Serializable}
 * record is best. The join is keyed: with a query parallelism above 1 it runs as that many instances, both inputs
 * routed by key through the engine's exchange, each instance buffering the rows of the keys it owns (its state split
 * into key groups, so a restart may change the parallelism); the rows it emits are the same at every parallelism.
 *
 * @param <K> join key type
 * @param <L> left row type
 * @param <R> right row type
 */
public final class StreamJoin<K, L, R> {
    private static final String APPEND_ONLY = "Stream-stream joins support only append output mode, as in Spark:"
            + " a joined row is final once emitted; use outputMode(\"append\")";

    private final DataStream<L> left;
    private final Function<? super L, ? extends K> leftKey;
    private final DataStream<R> right;
    private final Function<? super R, ? extends K> rightKey;
    private final Long before;
    private final Long after;

    private StreamJoin(DataStream<L> left, Function<? super L, ? extends K> leftKey, DataStream<R> right,
                       Function<? super R, ? extends K> rightKey, Long before, Long after) {
        this.left = left;
        this.leftKey = leftKey;
        this.right = right;
        this.rightKey = rightKey;
        this.before = before;
        this.after = after;
    }

    /** Joins {@code left} and {@code right} on equal keys. */
    public static <K, L, R> StreamJoin<K, L, R> of(DataStream<L> left, Function<? super L, ? extends K> leftKey,
                                                   DataStream<R> right, Function<? super R, ? extends K> rightKey) {
        return new StreamJoin<>(left, leftKey, right, rightKey, null, null);
    }

    /**
     * The time range condition: a right row matches a left row of the same key when its event time is at most
     * {@code before} earlier and at most {@code after} later than the left row's, Spark's
     * {@code rightTime BETWEEN leftTime - before AND leftTime + after}.
     *
     * @throws IllegalArgumentException if the range is empty
     */
    public StreamJoin<K, L, R> within(Duration before, Duration after) {
        if (before.toMillis() + after.toMillis() < 0) {
            throw new IllegalArgumentException("join time range is empty: right rows from " + before.negated() + " to "
                    + after + " around the left row's event time match nothing");
        }
        return new StreamJoin<>(left, leftKey, right, rightKey, before.toMillis(), after.toMillis());
    }

    /** Matching pairs. */
    public DataStream<Joined<L, R>> inner() {
        return join("join.inner", JoinType.INNER);
    }

    /** Matching pairs, and left rows without a match null-padded once the watermark evicts them. */
    public DataStream<Joined<L, R>> leftOuter() {
        return join("join.leftOuter", JoinType.LEFT_OUTER);
    }

    /** Matching pairs, and right rows without a match null-padded once the watermark evicts them. */
    public DataStream<Joined<L, R>> rightOuter() {
        return join("join.rightOuter", JoinType.RIGHT_OUTER);
    }

    /** Matching pairs, and the rows of both sides without a match null-padded once the watermark evicts them. */
    public DataStream<Joined<L, R>> fullOuter() {
        return join("join.fullOuter", JoinType.FULL_OUTER);
    }

    /** Each left row that matches a right row, once. */
    public DataStream<L> leftSemi() {
        return join("join.leftSemi", JoinType.LEFT_SEMI);
    }

    private <O> DataStream<O> join(String name, JoinType type) {
        boolean bounded = before != null;
        OperatorTraits traits = OperatorTraits.plain().stateful()
                .refuse(OutputMode.UPDATE, APPEND_ONLY).refuse(OutputMode.COMPLETE, APPEND_ONLY);
        if (type != JoinType.INNER) {
            if (!bounded) {
                traits = traits.refuse(OutputMode.APPEND, "A stream-stream " + describe(type) + " join needs a time range"
                        + " condition, so that unmatched rows are eventually final, as in Spark: call within(before, after)"
                        + " before " + name.substring("join.".length()) + "()");
            }
            traits = traits.refuseWithoutWatermark(OutputMode.APPEND, "A stream-stream " + describe(type) + " join needs"
                    + " a watermark on both inputs (withWatermark on each), so that unmatched rows are eventually evicted"
                    + " and emitted, as in Spark");
        }
        long b = bounded ? before : 0;
        long a = bounded ? after : 0;
        // Keyed on both sides: with parallelism above 1 each input is routed by its key to the instance owning it.
        return left.<K>groupByKey(leftKey).transformWith(right.<K>groupByKey(rightKey), name,
                context -> new StreamStreamJoin<K, L, R, O>(context, type, leftKey, rightKey, b, a, bounded), traits);
    }

    private static String describe(JoinType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
