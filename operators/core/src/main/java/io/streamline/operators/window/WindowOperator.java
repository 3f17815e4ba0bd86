package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;

/** What fixed and session window aggregations do alike at boundaries: evict and emit through their {@link WindowState}. */
abstract class WindowOperator<K, T, A, R> implements Operator<T, KeyValue<Windowed<K>, R>> {
    protected final WindowState<K, T, A, R> windows;

    WindowOperator(WindowState<K, T, A, R> windows) {
        this.windows = windows;
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
    public final OperatorState state() {
        return windows.state();
    }
}
