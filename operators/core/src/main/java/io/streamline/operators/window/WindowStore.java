package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;

/**
 * The state of a window aggregation as its operator's boundaries see it: {@link WindowState} (any aggregate, fixed
 * windows), {@link LongWindowState} (counts and sums of fixed windows, unboxed) or {@link SessionState} (any aggregate,
 * session windows).
 *
 * @param <K> grouping key type
 * @param <T> record type
 * @param <R> result type
 */
interface WindowStore<K, T, R> {
    /** The rules the state applies. */
    WindowRules<K, T> rules();

    /**
     * Adds {@code value} to {@code key}'s window {@code [start, end)}, which the watermark has not closed: a fixed
     * window, or the record's own session, which merges with the key's sessions it overlaps or touches; in continuous
     * update mode the changed row goes out now.
     */
    void add(K key, long start, long end, T value, Output<KeyValue<Windowed<K>, R>> out);

    /** Evicts the windows the watermark completed; append mode emits each as it goes. */
    void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out);

    /** Complete mode emits every window; micro-batch update mode the windows the batch changed. */
    void onEpochEnd(Output<KeyValue<Windowed<K>, R>> out);

    /** The checkpointed state. */
    OperatorState state();
}
