package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.Envelope;
import io.streamline.engine.runtime.OperatorNode;
import io.streamline.engine.state.ChangedEntries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A window operator run alone, as the state equivalence tests drive it: epochs of records, each closed by a marker
 * with a rising watermark (max event time - 1 s). It keeps every row the operator emits, as text with its event time,
 * and each marker as a row of its own; at each marker it passes the changes the state hands to the checkpoint on.
 *
 * @param <E> record type
 */
final class WindowRun<E> implements Downstream {
    /** The rows emitted so far, {@code key[start, end)=value @eventTime}. */
    final List<String> rows = new ArrayList<>();
    private final OperatorNode node;
    private final ToLongFunction<E> eventTime;
    private final Envelope meta = new Envelope();
    private OperatorContext context;
    private OperatorState state;
    private long maxTime = Long.MIN_VALUE;

    /** Runs the operator {@code operator} makes for its context, in {@code mode}. */
    WindowRun(OutputMode mode, Function<OperatorContext, WindowOperator<?, E, ?, ?>> operator, ToLongFunction<E> eventTime) {
        this.eventTime = eventTime;
        node = OperatorNode.detached("window.test", host -> {
            context = host;
            WindowOperator<?, E, ?, ?> made = operator.apply(host);
            state = made.state();
            @SuppressWarnings("unchecked") Operator<Object, Object> any = (Operator<Object, Object>) (Operator<?, ?>) made;
            return any;
        }, mode, this);
    }

    /** The operator's context, as the engine gave it. */
    OperatorContext context() {
        return context;
    }

    /** The operator's checkpointed state. */
    OperatorState state() {
        return state;
    }

    /** Feeds one epoch's records, then its marker; returns the marker's watermark. */
    long epoch(E[] records, long epoch, Consumer<Map<Object, Object>> changes) {
        for (E record : records) {
            long time = eventTime.applyAsLong(record);
            maxTime = Math.max(maxTime, time);
            meta.setRecord(record, 0, time, 0);
            node.onRecord(record, meta);
        }
        long watermark = maxTime - 1_000;
        marker(epoch, watermark, changes);
        return watermark;
    }

    /**
     * Closes an epoch with {@code watermark}; the changes its state hands to the checkpoint go to {@code changes}
     * ({@link ChangedEntries#of}).
     */
    void marker(long epoch, long watermark, Consumer<Map<Object, Object>> changes) {
        node.onEpochMarker(epoch, watermark);
        rows.add("marker " + epoch);
        StateChanges taken = state.takeChanges();
        changes.accept(ChangedEntries.of(taken));
        taken.release();
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        KeyValue<?, ?> row = (KeyValue<?, ?>) value;
        rows.add(text(row.key(), row.value(), meta));
    }

    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        rows.add(text(key, value, meta));
    }

    /** A row as text; a window in epoch milliseconds, which is quicker to write than {@link Windowed#toString()}. */
    private static String text(Object key, Object value, RecordMeta meta) {
        Windowed<?> window = (Windowed<?>) key;
        return window.key() + "[" + window.start() + ", " + window.end() + ")=" + value + " @" + meta.eventTime();
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
    }

    @Override
    public void onEnd() {
    }
}
