package io.streamline.operators.state;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.operator.Timer;
import io.streamline.engine.state.KeyedState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code [flat]MapGroupsWithState}: the user's function per key, with the key's state kept as keyed state and its
 * timeout as an engine timer (both checkpointed, both split by key over the operator's instances).
 *
 * <p>In micro-batch mode, as in Spark, the function is called once per key per batch with all the batch's values of
 * the key, at the batch's end, and then once for every key whose timeout the batch's watermark (or trigger time)
 * passed and that got no data in the batch. In continuous mode it is called as each record arrives, with that one
 * value, so results flow with the records; a timeout the watermark passes at an epoch boundary is called at the end
 * of the following epoch unless the key gets data in it, just as the micro-batch that runs with that watermark does.
 * A function that folds its values one at a time into the state therefore gives the same state and rows in both
 * modes. Timeouts waiting for the end of an epoch are flagged in the checkpointed state, so a restart keeps them.
 */
final class GroupsWithStateOperator<K, V, S, U> implements Operator<V, U> {
    private final OperatorContext context;
    private final Function<? super V, ? extends K> keyFn;
    private final GroupStateFunction<K, V, S, U> fn;
    private final GroupStateHandle<S> handle;
    private final KeyedState<K, StoredGroupState<S>> states = new KeyedState<>();
    private final boolean perBatch;
    private final Map<K, List<V>> batch = new LinkedHashMap<>();
    /** Keys whose timeout passed at a boundary, called at the end of this batch (micro-batch) or the next epoch. */
    private Set<K> dueNow = new LinkedHashSet<>();
    /** Continuous: keys whose timeout passed at the boundary now in progress, called at the end of the next epoch. */
    private Set<K> dueNext = new LinkedHashSet<>();
    private final OperatorState checkpointed;
    private final OneValue<V> oneValue = new OneValue<>();

    GroupsWithStateOperator(OperatorContext context, Function<? super V, ? extends K> keyFn, GroupStateTimeout timeout,
                            GroupStateFunction<K, V, S, U> fn) {
        this.context = context;
        this.keyFn = keyFn;
        this.fn = fn;
        this.handle = new GroupStateHandle<>(timeout);
        this.perBatch = context.microBatch();
        if (timeout != GroupStateTimeout.NO_TIMEOUT) {
            context.timers(); // asked for at creation, so the engine checkpoints them
        }
        this.checkpointed = new RestoringDueTimeouts();
    }

    @Override
    public void process(V value, RecordMeta meta, Output<U> out) {
        K key = keyFn.apply(value);
        if (perBatch) {
            batch.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        } else {
            oneValue.set(value);
            call(key, oneValue, false, out);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onTimer(Timer timer, Output<U> out) {
        K key = (K) timer.key();
        StoredGroupState<S> stored = states.get(key);
        if (stored == null || stored.timeoutAt() != timer.timestamp()) {
            return; // a timeout the function has since replaced
        }
        states.put(key, stored.due());
        (perBatch ? dueNow : dueNext).add(key);
    }

    @Override
    public void onEpochEnd(long epoch, Output<U> out) {
        for (Map.Entry<K, List<V>> group : batch.entrySet()) {
            call(group.getKey(), group.getValue().iterator(), false, out);
        }
        batch.clear();
        for (K key : dueNow) {
            StoredGroupState<S> stored = states.get(key);
            if (stored != null && stored.timeoutDue()) { // no data since the timeout passed
                call(key, Collections.emptyIterator(), true, out);
            }
        }
        dueNow.clear();
        if (!perBatch) {
            Set<K> next = dueNow;
            dueNow = dueNext;
            dueNext = next;
        }
    }

    private void call(K key, Iterator<V> values, boolean isTimeout, Output<U> out) {
        StoredGroupState<S> stored = states.get(key);
        handle.reset(stored, isTimeout, context.currentWatermark(), context.epochTimeMillis());
        Iterator<U> results = fn.call(key, values, handle);
        StoredGroupState<S> next = handle.result();
        long before = stored == null ? StoredGroupState.NO_TIMEOUT : stored.timeoutAt();
        long after = next == null ? StoredGroupState.NO_TIMEOUT : next.timeoutAt();
        if (before != after) {
            if (before != StoredGroupState.NO_TIMEOUT) {
                deleteTimer(key, before);
            }
            if (after != StoredGroupState.NO_TIMEOUT) {
                registerTimer(key, after);
            }
        }
        if (next == null) {
            if (stored != null) {
                states.remove(key);
                context.metrics().rowsRemoved(1);
            }
        } else {
            states.put(key, next);
            context.metrics().rowsUpdated(1);
        }
        while (results != null && results.hasNext()) {
            out.emit(results.next());
        }
    }

    private void registerTimer(K key, long at) {
        if (handle.eventTime()) {
            context.timers().registerEventTimeTimer(key, at);
        } else {
            context.timers().registerProcessingTimeTimer(key, at);
        }
    }

    private void deleteTimer(K key, long at) {
        if (handle.eventTime()) {
            context.timers().deleteEventTimeTimer(key, at);
        } else {
            context.timers().deleteProcessingTimeTimer(key, at);
        }
    }

    @Override
    public OperatorState state() {
        return checkpointed;
    }

    /** The keyed state as checkpointed; a restore also finds the timeouts that were waiting for an epoch's end. */
    private final class RestoringDueTimeouts implements OperatorState {
        @Override
        public void snapshot(BiConsumer<Object, Object> out) {
            states.snapshot(out);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object key, Object value) {
            states.restore(key, value);
            if (((StoredGroupState<S>) value).timeoutDue()) {
                dueNow.add((K) key);
            }
        }

        @Override
        public long numRows() {
            return states.numRows();
        }

        @Override
        public StateChanges takeChanges() {
            return states.takeChanges();
        }
    }

    /** An iterator over one value, reused for every record in continuous mode. */
    private static final class OneValue<V> implements Iterator<V> {
        private V value;
        private boolean taken;

        void set(V v) {
            value = v;
            taken = false;
        }

        @Override
        public boolean hasNext() {
            return !taken;
        }

        @Override
        public V next() {
            if (taken) {
                throw new NoSuchElementException();
            }
            taken = true;
            return value;
        }
    }
}
