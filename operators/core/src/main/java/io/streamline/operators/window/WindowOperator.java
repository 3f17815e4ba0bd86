package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;

/**
 * What fixed and session window aggregations do alike at boundaries: evict and emit through their state
 * ({@link WindowStore}).
 * A window's row carries the window's last millisecond as its event time; once the watermark {@code w} has evicted
 * every window ending at or before it, every later row is of a window ending after {@code w}, so its event time is
 * at least {@code w}: the watermark passed downstream is {@code w - 1}, which keeps a chained event-time operator
 * from finding any window row late (Spark propagates {@code window.end}-based watermarks the same way).
 */
abstract class WindowOperator<K, T, R, S extends WindowStore<K, T, R>> implements Operator<T, KeyValue<Windowed<K>, R>> {
    protected final S windows;
    protected final WindowRules<K, T> rules;

    WindowOperator(S windows) {
        this.windows = windows;
        this.rules = windows.rules();
    }

    @Override
    public final void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out) {
        windows.onWatermark(watermark, out);
    }

    @Override
    public final void onEpochEnd(long epoch, Output<KeyValue<Windowed<K>, R>> out) {
        windows.onEpochEnd(out);
    }

    @Override
    public final long outputWatermark(long evictedWith) {
        return evictedWith - 1;
    }

    @Override
    public final boolean emitsOnWatermark() {
        return true;
    }

    @Override
    public final OperatorState state() {
        return windows.state();
    }
}
