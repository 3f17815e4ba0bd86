package io.streamline.engine.runtime;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.operator.TimeDomain;
import io.streamline.engine.operator.Timer;
import io.streamline.engine.operator.TimerService;
import io.streamline.engine.state.KeyedState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The timers of one operator instance: per clock, time to the keys with a timer then (so a timer registered twice
 * is kept once, and firing takes them in time order), plus the same timers as keyed state, which is what gets
 * checkpointed, incrementally, with the operator's own state. Single-threaded: the operator's.
 */
final class TimerRegistry implements TimerService, OperatorState {
    /** A timer as checkpointed. */
    record Entry(TimeDomain domain, long timestamp, Object key) implements Serializable {
    }

    private final TreeMap<Long, Set<Object>> eventTime = new TreeMap<>();
    private final TreeMap<Long, Set<Object>> processingTime = new TreeMap<>();
    private final KeyedState<Entry, Boolean> persisted = new KeyedState<>();
    private final OperatorHost host;

    TimerRegistry(OperatorHost host) {
        this.host = host;
    }

    @Override
    public void registerEventTimeTimer(Object key, long timestamp) {
        add(TimeDomain.EVENT_TIME, key, timestamp);
    }

    @Override
    public void registerProcessingTimeTimer(Object key, long timestamp) {
        add(TimeDomain.PROCESSING_TIME, key, timestamp);
    }

    @Override
    public void deleteEventTimeTimer(Object key, long timestamp) {
        delete(TimeDomain.EVENT_TIME, key, timestamp);
    }

    @Override
    public void deleteProcessingTimeTimer(Object key, long timestamp) {
        delete(TimeDomain.PROCESSING_TIME, key, timestamp);
    }

    @Override
    public long currentWatermark() {
        return host.currentWatermark();
    }

    @Override
    public long currentProcessingTime() {
        return host.epochTimeMillis();
    }

    private void add(TimeDomain domain, Object key, long timestamp) {
        Objects.requireNonNull(key, "timer key must not be null; use \"\" for an operator-wide timer");
        if (index(domain, key, timestamp)) {
            persisted.put(new Entry(domain, timestamp, key), Boolean.TRUE);
        }
    }

    /** Adds the timer to its clock's index; whether it was new. */
    private boolean index(TimeDomain domain, Object key, long timestamp) {
        return timers(domain).computeIfAbsent(timestamp, t -> new LinkedHashSet<>()).add(key);
    }

    private void delete(TimeDomain domain, Object key, long timestamp) {
        Set<Object> keys = timers(domain).get(timestamp);
        if (keys != null && keys.remove(key)) {
            if (keys.isEmpty()) {
                timers(domain).remove(timestamp);
            }
            persisted.remove(new Entry(domain, timestamp, key));
        }
    }

    private TreeMap<Long, Set<Object>> timers(TimeDomain domain) {
        return domain == TimeDomain.EVENT_TIME ? eventTime : processingTime;
    }

    /** The time of the earliest processing-time timer, {@link Long#MAX_VALUE} when there is none. */
    long nextProcessingTime() {
        return processingTime.isEmpty() ? Long.MAX_VALUE : processingTime.firstKey();
    }

    /**
     * Removes and passes to {@code fire}, in time order, every timer of {@code domain} at or before {@code time};
     * timers the callback registers at or before {@code time} fire in the same call.
     */
    void fireUpTo(TimeDomain domain, long time, Consumer<Timer> fire) {
        TreeMap<Long, Set<Object>> timers = timers(domain);
        Map.Entry<Long, Set<Object>> first;
        while ((first = timers.firstEntry()) != null && first.getKey() <= time) {
            timers.remove(first.getKey());
            List<Object> keys = new ArrayList<>(first.getValue());
            for (Object key : keys) {
                persisted.remove(new Entry(domain, first.getKey(), key));
            }
            for (Object key : keys) {
                fire.accept(new Timer(key, first.getKey(), domain));
            }
        }
    }

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        persisted.snapshot(out);
    }

    @Override
    public void restore(Object key, Object value) {
        Entry entry = (Entry) key;
        index(entry.domain(), entry.key(), entry.timestamp());
        persisted.restore(key, value);
    }

    @Override
    public long numRows() {
        return persisted.numRows();
    }

    @Override
    public StateChanges takeChanges() {
        return persisted.takeChanges();
    }

    /** A timer belongs to the key it was registered for. */
    @Override
    public Object groupingKeyOf(Object stateKey) {
        return ((Entry) stateKey).key();
    }
}
