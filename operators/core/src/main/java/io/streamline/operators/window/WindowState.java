package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Output;
import io.streamline.engine.state.NamespacedState;

/**
 * The state of any aggregation over fixed windows: the accumulators per key and window in namespaced state the engine
 * checkpoints and splits by key, emitted as each output mode says. Session windows checkpoint the same entries from
 * their own state ({@link SessionState}).
 *
 * @param <K> grouping key type
 * @param <T> record type
 * @param <A> accumulator type
 * @param <R> result type
 */
final class WindowState<K, T, A, R> implements WindowStore<K, T, R> {
    private final WindowRules<K, T> rules;
    private final Aggregator<? super T, A, R> aggregator;
    private final NamespacedState<K, TimeWindow, A> state = new NamespacedState<>();

    WindowState(WindowRules<K, T> rules, Aggregator<? super T, A, R> aggregator) {
        this.rules = rules;
        this.aggregator = aggregator;
    }

    @Override
    public WindowRules<K, T> rules() {
        return rules;
    }

    @Override
    public NamespacedState<K, TimeWindow, A> state() {
        return state;
    }

    @Override
    public void add(K key, long start, long end, T value, Output<KeyValue<Windowed<K>, R>> out) {
        TimeWindow window = new TimeWindow(start, end);
        A acc = state.get(key, window);
        put(key, window, aggregator.add(acc == null ? aggregator.zero() : acc, value), out);
    }

    /** Stores {@code acc} for {@code key} in {@code window}; in continuous update mode the changed row goes out now. */
    void put(K key, TimeWindow window, A acc, Output<KeyValue<Windowed<K>, R>> out) {
        state.put(key, window, acc);
        rules.rowUpdated();
        if (rules.updatePerChange) {
            emit(key, window, acc, out);
        }
    }

    @Override
    public void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out) {
        if (rules.complete) {
            return;
        }
        state.evictUpTo(TimeWindow.endingAtOrBefore(watermark), true, (key, window, acc) -> {
            rules.rowRemoved();
            if (rules.append) {
                emit(key, window, acc, out);
            }
        });
    }

    @Override
    public void onEpochEnd(Output<KeyValue<Windowed<K>, R>> out) {
        if (rules.complete) {
            state.forEach((key, window, acc) -> emit(key, window, acc, out));
        } else if (rules.updatePerBatch) {
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
}
