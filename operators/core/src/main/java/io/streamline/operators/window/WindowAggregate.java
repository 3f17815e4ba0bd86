package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Aggregation over tumbling or sliding windows per key. A record adds to each window holding its event time; a
 * window already complete (end at or below the watermark) does not take it, and that window row counts as dropped,
 * so with sliding windows one record can be dropped for some windows and kept for others, as in Spark.
 */
final class WindowAggregate<K, T, A, R> extends WindowOperator<K, T, A, R> {
    private final WindowSpec.Sliding<T> spec;
    /** Adds the current record to one window: one instance, so assigning windows allocates no lambda per record. */
    private final Assigner assigner = new Assigner();

    WindowAggregate(OperatorContext context, Function<? super T, ? extends K> keyFn, WindowSpec.Sliding<T> spec,
                    Aggregator<? super T, A, R> aggregator) {
        super(new WindowState<>(context, keyFn, aggregator));
        this.spec = spec;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<Windowed<K>, R>> out) {
        assigner.key = windows.keyOf(value);
        assigner.value = value;
        assigner.out = out;
        spec.assign(windows.eventTimeOf(value, meta), assigner);
    }

    private final class Assigner implements LongConsumer {
        private K key;
        private T value;
        private Output<KeyValue<Windowed<K>, R>> out;

        @Override
        public void accept(long start) {
            long end = start + spec.lengthMillis();
            if (windows.closed(end)) {
                windows.droppedLate();
                return;
            }
            TimeWindow window = new TimeWindow(start, end);
            A acc = windows.state().get(key, window);
            Aggregator<? super T, A, R> aggregator = windows.aggregator();
            windows.put(key, window, aggregator.add(acc == null ? aggregator.zero() : acc, value), out);
        }
    }
}
