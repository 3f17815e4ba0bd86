package io.streamline.operators.window;

import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;

import java.util.function.Function;

/**
 * What every window aggregation applies alike, whatever keeps its state: a record's key and event time, the lateness
 * rule, when results are emitted in each output mode, and the rows counted in progress reports.
 *
 * @param <K> grouping key type
 * @param <T> record type
 */
final class WindowRules<K, T> {
    /** Longest record text quoted in an error. */
    private static final int QUOTED_RECORD_CHARS = 200;

    private final OperatorContext context;
    private final Function<? super T, ? extends K> keyFn;
    private final OperatorMetrics metrics;
    /** Complete mode: every window each epoch; nothing is late, nothing evicted. */
    final boolean complete;
    /** Append mode: a window's row once, when the watermark evicts it. */
    final boolean append;
    /** Continuous update mode: every changed row as it changes. */
    final boolean updatePerChange;
    /** Micro-batch update mode: every changed row once, at the end of the batch. */
    final boolean updatePerBatch;

    WindowRules(OperatorContext context, Function<? super T, ? extends K> keyFn) {
        this.context = context;
        this.keyFn = keyFn;
        this.metrics = context.metrics();
        OutputMode mode = context.outputMode();
        this.complete = mode == OutputMode.COMPLETE;
        this.append = mode == OutputMode.APPEND;
        this.updatePerChange = mode == OutputMode.UPDATE && !context.microBatch();
        this.updatePerBatch = mode == OutputMode.UPDATE && context.microBatch();
    }

    /** The record's grouping key; a null key is an error naming the operator. */
    K keyOf(T value) {
        K key = keyFn.apply(value);
        if (key == null) {
            throw new IllegalArgumentException("The groupByKey key function of operator " + context.operatorId()
                    + " returned null for the record " + quote(value) + "; keys must not be null");
        }
        return key;
    }

    /** The record's event time; a record without one is an error saying where event time comes from. */
    long eventTimeOf(T value, RecordMeta meta) {
        long t = meta.eventTime();
        if (t == RecordMeta.NO_EVENT_TIME) {
            throw new IllegalStateException("Operator " + context.operatorId() + " needs the event time of the record "
                    + quote(value) + ": call withWatermark(eventTimeFn, delay) before groupByKey, or read a source that"
                    + " stamps event time (rate)");
        }
        return t;
    }

    /**
     * Whether a window (or session) ending at {@code end} is already complete, so a record may no longer be added to
     * it: its end is at or below the watermark. Never in complete mode, which keeps every window.
     */
    boolean closed(long end) {
        long watermark = context.currentWatermark();
        return !complete && Watermarks.isTime(watermark) && end <= watermark;
    }

    /** One window row of a record was dropped as late. */
    void droppedLate() {
        metrics.rowsDroppedByWatermark(1);
    }

    /** One window row was stored. */
    void rowUpdated() {
        metrics.rowsUpdated(1);
    }

    /** One window row was removed (evicted, or merged into another session). */
    void rowRemoved() {
        metrics.rowsRemoved(1);
    }

    static String quote(Object value) {
        String text = String.valueOf(value);
        return text.length() > QUOTED_RECORD_CHARS ? text.substring(0, QUOTED_RECORD_CHARS) + "..." : text;
    }
}
