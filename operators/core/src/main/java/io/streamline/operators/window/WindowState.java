package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.state.NamespacedState;

import java.util.function.Function;

/**
 * What fixed and session windows share: the accumulators per key and window (namespaced state the engine
 * checkpoints and splits by key), the lateness rule and when results are emitted in each output mode.
 *
 * @param <K> grouping key type
 * @param <T> record type
 * @param <A> accumulator type
 * @param <R> result type
 */
final class WindowState<K, T, A, R> {
    /** Longest record text quoted in an error. */
    private static final int QUOTED_RECORD_CHARS = 200;

    private final OperatorContext context;
    private final Function<? super T, ? extends K> keyFn;
    private final Aggregator<? super T, A, R> aggregator;
    private final NamespacedState<K, TimeWindow, A> state = new NamespacedState<>();
    private final OperatorMetrics metrics;
    private final boolean complete;
    private final boolean append;
    private final boolean updatePerChange;
    private final boolean updatePerBatch;

    WindowState(OperatorContext context, Function<? super T, ? extends K> keyFn, Aggregator<? super T, A, R> aggregator) {
        this.context = context;
        this.keyFn = keyFn;
        this.aggregator = aggregator;
        this.metrics = context.metrics();
        OutputMode mode = context.outputMode();
        this.complete = mode == OutputMode.COMPLETE;
        this.append = mode == OutputMode.APPEND;
        this.updatePerChange = mode == OutputMode.UPDATE && !context.microBatch();
        this.updatePerBatch = mode == OutputMode.UPDATE && context.microBatch();
    }

    NamespacedState<K, TimeWindow, A> state() {
        return state;
    }

    Aggregator<? super T, A, R> aggregator() {
        return aggregator;
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

    /** Stores {@code acc} for {@code key} in {@code window}; in continuous update mode the changed row goes out now. */
    void put(K key, TimeWindow window, A acc, Output<KeyValue<Windowed<K>, R>> out) {
        state.put(key, window, acc);
        metrics.rowsUpdated(1);
        if (updatePerChange) {
            emit(key, window, acc, out);
        }
    }

    /** Removes a window of {@code key} (merged into another session). */
    void remove(K key, TimeWindow window) {
        state.remove(key, window);
        metrics.rowsRemoved(1);
    }

    /** Evicts the windows the watermark completed; append mode emits each as it goes. */
    void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out) {
        if (complete) {
            return;
        }
        state.evictUpTo(TimeWindow.endingAtOrBefore(watermark), true, (key, window, acc) -> {
            metrics.rowsRemoved(1);
            if (append) {
                emit(key, window, acc, out);
            }
        });
    }

    /** Complete mode emits every window; micro-batch update mode the windows the batch changed. */
    void onEpochEnd(Output<KeyValue<Windowed<K>, R>> out) {
        if (complete) {
            state.forEach((key, window, acc) -> emit(key, window, acc, out));
        } else if (updatePerBatch) {
            state.forEachChanged((key, window, acc) -> emit(key, window, acc, out));
        }
    }

    /**
     * Emits a window's row with the window's last millisecond as its event time, Spark's {@code window_time}, so a
     * downstream event-time operator places it in the window it closes (a 10 s window {@code [50 s, 60 s)} falls in
     * the minute {@code [0, 60 s)}) and, with {@link WindowOperator#outputWatermark}, never finds it late.
     */
    private void emit(K key, TimeWindow window, A acc, Output<KeyValue<Windowed<K>, R>> out) {
        out.emit(new KeyValue<>(new Windowed<>(key, window.start(), window.end()), aggregator.finish(acc)), window.end() - 1);
    }

    static String quote(Object value) {
        String text = String.valueOf(value);
        return text.length() > QUOTED_RECORD_CHARS ? text.substring(0, QUOTED_RECORD_CHARS) + "..." : text;
    }
}
