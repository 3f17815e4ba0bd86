package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.LongConsumer;

/**
 * Aggregation over tumbling or sliding windows per key. A record adds to each window holding its event time; a
 * window already complete (end at or below the watermark) does not take it, and that window row counts as dropped,
 * so with sliding windows one record can be dropped for some windows and kept for others, as in Spark. The state is a
 * {@link WindowState} for any aggregate, or a {@link LongWindowState} (unboxed) for a count or sum.
 */
final class WindowAggregate<K, T, R> extends WindowOperator<K, T, R, WindowStore<K, T, R>> {
    private final WindowSpec.Sliding<T> spec;
    /** Adds the current record to one window: one instance, so assigning windows allocates no lambda per record. */
    private final Assigner assigner = new Assigner();

    WindowAggregate(WindowSpec.Sliding<T> spec, WindowStore<K, T, R> windows) {
        super(windows);
        this.spec = spec;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<Windowed<K>, R>> out) {
        assigner.key = rules.keyOf(value);
        assigner.value = value;
        assigner.out = out;
        spec.assign(rules.eventTimeOf(value, meta), assigner);
    }

    private final class Assigner implements LongConsumer {
        private K key;
        private T value;
        private Output<KeyValue<Windowed<K>, R>> out;

        @Override
        public void accept(long start) {
            long end = start + spec.lengthMillis();
            if (rules.closed(end)) {
                rules.droppedLate();
                return;
            }
            windows.add(key, start, end, value, out);
        }
    }
}
