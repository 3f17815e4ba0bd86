package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Aggregation over session windows per key, as Spark's {@code session_window}: a record at {@code t} opens
 * {@code [t, t + gap)}, which merges with every session of its key it overlaps or touches (a record exactly at a
 * session's end joins it), so a session ends {@code gap} after its last record. A late record, one whose own
 * session {@code [t, t + gap)} the watermark has already passed, is dropped and counted whether or not an open
 * session would have taken it: the decision then rests on the record and the watermark alone, not on which records
 * of the epoch came first, so continuous mode, micro-batch mode and every parallelism commit the same sessions.
 */
final class SessionAggregate<K, T, A, R> extends WindowOperator<K, T, R, WindowState<K, T, A, R>> {
    private final WindowSpec.Session<T> spec;
    private final List<TimeWindow> overlapping = new ArrayList<>();

    SessionAggregate(OperatorContext context, Function<? super T, ? extends K> keyFn, WindowSpec.Session<T> spec,
                     Aggregator<? super T, A, R> aggregator) {
        super(new WindowState<>(new WindowRules<>(context, keyFn), aggregator));
        this.spec = spec;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<KeyValue<Windowed<K>, R>> out) {
        K key = rules.keyOf(value);
        long time = rules.eventTimeOf(value, meta);
        long gap = spec.gapMillis().applyAsLong(value);
        if (gap <= 0) {
            throw new IllegalArgumentException("The session window gap of the record " + WindowRules.quote(value)
                    + " is " + gap + " ms; a session gap must be positive");
        }
        long start = time;
        long end = time + gap;
        if (rules.closed(end)) {
            rules.droppedLate();
            return;
        }
        Aggregator<? super T, A, R> aggregator = windows.aggregator();
        A acc = aggregator.add(aggregator.zero(), value);
        // Merging may widen the session until it reaches further sessions, so look again until nothing overlaps.
        boolean merged = true;
        while (merged) {
            merged = false;
            overlapping.clear();
            for (TimeWindow session : windows.state().namespacesOf(key)) {
                if (session.start() <= end && session.end() >= start) {
                    overlapping.add(session);
                }
            }
            for (TimeWindow session : overlapping) {
                A earlier = windows.state().get(key, session);
                acc = session.start() <= start ? aggregator.merge(earlier, acc) : aggregator.merge(acc, earlier);
                start = Math.min(start, session.start());
                end = Math.max(end, session.end());
                windows.remove(key, session);
                merged = true;
            }
        }
        windows.put(key, new TimeWindow(start, end), acc, out);
    }
}
