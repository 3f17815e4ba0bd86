package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

/**
 * Aggregation over session windows per key, as Spark's {@code session_window}: a record at {@code t} opens
 * {@code [t, t + gap)}, which merges with every session of its key it overlaps or touches (a record exactly at a
 * session's end joins it), so a session ends {@code gap} after its last record. A late record, one whose own
 * session {@code [t, t + gap)} the watermark has already passed, is dropped and counted whether or not an open
 * session would have taken it: the decision then rests on the record and the watermark alone, not on which records
 * of the epoch came first, so continuous mode, micro-batch mode and every parallelism commit the same sessions.
 * The merging is the state's ({@link SessionState}).
 */
final class SessionAggregate<K, T, R> extends WindowOperator<K, T, R, WindowStore<K, T, R>> {
    private final WindowSpec.Session<T> spec;

    SessionAggregate(WindowSpec.Session<T> spec, WindowStore<K, T, R> sessions) {
        super(sessions);
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
        if (rules.closed(time + gap)) {
            rules.droppedLate();
            return;
        }
        windows.add(key, time, time + gap, value, out);
    }
}
