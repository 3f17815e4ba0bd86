package io.streamline.operators.join;

import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.TwoInputOperator;
import io.streamline.engine.operator.Watermarks;

import java.util.function.Function;

/**
 * A stream-stream join on a key and an event-time range, Spark's stream-stream join: a right row at {@code tr} matches
 * a left row at {@code tl} of the same key when {@code tl - before <= tr <= tl + after}. Both sides' rows are buffered
 * and every new row is matched against the other side's buffer, so each matching pair is emitted once, whichever
 * arrives first. Rows at or below the global watermark (the smaller of both inputs') are dropped as late, without
 * being null-padded. Once the watermark rules out any further match for a buffered row (a left row at {@code tl} when
 * {@code tl + after} is at or below it, a right row at {@code tr} when {@code tr + before} is), the row is evicted, and
 * an outer join emits it null-padded if it never matched.
 *
 * @param <K> join key type
 * @param <L> left row type
 * @param <R> right row type
 * @param <O> output type: {@link Joined}, or {@code L} for a left semi join
 */
final class StreamStreamJoin<K, L, R, O> implements TwoInputOperator<L, R, O> {
    private final OperatorContext context;
    private final JoinType type;
    private final Function<? super L, ? extends K> leftKey;
    private final Function<? super R, ? extends K> rightKey;
    private final long before;
    private final long after;
    private final boolean bounded;
    private final JoinBuffer<K, L> left = new JoinBuffer<>();
    private final JoinBuffer<K, R> right = new JoinBuffer<>();
    private final TwoSidedState state = new TwoSidedState(left.state(), right.state());

    /**
     * @param bounded whether the join has a time range; without one ({@code before} and {@code after} unbounded) the
     *                buffers are never evicted
     */
    StreamStreamJoin(OperatorContext context, JoinType type, Function<? super L, ? extends K> leftKey,
                     Function<? super R, ? extends K> rightKey, long before, long after, boolean bounded) {
        this.context = context;
        this.type = type;
        this.leftKey = leftKey;
        this.rightKey = rightKey;
        this.before = before;
        this.after = after;
        this.bounded = bounded;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processLeft(L value, RecordMeta meta, Output<O> out) {
        long time = eventTime(value, meta);
        if (late(time)) {
            return;
        }
        K key = leftKey.apply(value);
        boolean semi = type == JoinType.LEFT_SEMI;
        int matches = right.match(key, lower(time, before), upper(time, after), type.padsRight(), row -> {
            if (!semi) {
                out.emit((O) new Joined<>(value, row.value()));
            }
            return false;
        });
        if (semi && matches > 0) {
            out.emit((O) value); // emitted once, so it need not wait for later right rows
            return;
        }
        left.add(key, time, value, matches > 0);
        context.metrics().rowsUpdated(1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processRight(R value, RecordMeta meta, Output<O> out) {
        long time = eventTime(value, meta);
        if (late(time)) {
            return;
        }
        K key = rightKey.apply(value);
        boolean semi = type == JoinType.LEFT_SEMI;
        int matches = left.match(key, lower(time, after), upper(time, before), type.padsLeft(), row -> {
            if (semi) {
                out.emit((O) row.value());
                return true; // a left semi join emits a left row once
            }
            out.emit((O) new Joined<>(row.value(), value));
            return false;
        });
        right.add(key, time, value, matches > 0);
        context.metrics().rowsUpdated(1);
    }

    private long eventTime(Object value, RecordMeta meta) {
        long time = meta.eventTime();
        if (time == RecordMeta.NO_EVENT_TIME) {
            throw new IllegalStateException("Operator " + context.operatorId() + " needs the event time of the record "
                    + value + ": call withWatermark(eventTimeFn, delay) on both inputs of the join");
        }
        return time;
    }

    /** Whether a row at {@code time} is at or below the global watermark: dropped and counted, never null-padded. */
    private boolean late(long time) {
        long watermark = context.currentWatermark();
        if (Watermarks.isTime(watermark) && time <= watermark) {
            context.metrics().rowsDroppedByWatermark(1);
            return true;
        }
        return false;
    }

    private long lower(long time, long range) {
        return bounded ? time - range : Long.MIN_VALUE;
    }

    private long upper(long time, long range) {
        return bounded ? time + range : Long.MAX_VALUE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onWatermark(long watermark, Output<O> out) {
        if (!bounded) {
            return;
        }
        long removed = left.evictUpTo(watermark - after, row -> {
            if (type.padsLeft()) {
                out.emit((O) new Joined<>(row, null));
            }
        });
        removed += right.evictUpTo(watermark - before, row -> {
            if (type.padsRight()) {
                out.emit((O) new Joined<>(null, row));
            }
        });
        context.metrics().rowsRemoved(removed);
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
