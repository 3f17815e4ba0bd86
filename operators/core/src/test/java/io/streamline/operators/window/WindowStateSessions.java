package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.state.NamespacedState;

import java.util.ArrayList;
import java.util.List;

/**
 * Session windows kept as they were before {@link SessionState}: every session a namespace of the general
 * {@link WindowState}, merged by looking through the key's sessions in namespace order. The reference that
 * {@link SessionStateTest} holds the new state to, and what wrote the checkpoints the new state must restore.
 */
final class WindowStateSessions<K, T, A, R> implements WindowStore<K, T, R> {
    private final WindowState<K, T, A, R> windows;
    private final Aggregator<? super T, A, R> aggregator;
    private final List<TimeWindow> overlapping = new ArrayList<>();

    WindowStateSessions(WindowRules<K, T> rules, Aggregator<? super T, A, R> aggregator) {
        this.windows = new WindowState<>(rules, aggregator);
        this.aggregator = aggregator;
    }

    @Override
    public WindowRules<K, T> rules() {
        return windows.rules();
    }

    @Override
    public void add(K key, long start, long end, T value, Output<KeyValue<Windowed<K>, R>> out) {
        NamespacedState<K, TimeWindow, A> state = windows.state();
        A acc = aggregator.add(aggregator.zero(), value);
        // Merging may widen the session until it reaches further sessions, so look again until nothing overlaps.
        boolean merged = true;
        while (merged) {
            merged = false;
            overlapping.clear();
            for (TimeWindow session : state.namespacesOf(key)) {
                if (session.start() <= end && session.end() >= start) {
                    overlapping.add(session);
                }
            }
            for (TimeWindow session : overlapping) {
                A earlier = state.get(key, session);
                acc = session.start() <= start ? aggregator.merge(earlier, acc) : aggregator.merge(acc, earlier);
                start = Math.min(start, session.start());
                end = Math.max(end, session.end());
                state.remove(key, session);
                windows.rules().rowRemoved();
                merged = true;
            }
        }
        windows.put(key, new TimeWindow(start, end), acc, out);
    }

    @Override
    public void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out) {
        windows.onWatermark(watermark, out);
    }

    @Override
    public void onEpochEnd(Output<KeyValue<Windowed<K>, R>> out) {
        windows.onEpochEnd(out);
    }

    @Override
    public OperatorState state() {
        return windows.state();
    }
}
