package io.streamline.operators.join;

import io.streamline.engine.state.NamespacedState;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * One side's buffered rows of a stream-stream join: per key, the rows at each event time, with whether each has
 * matched yet (for null-padding in outer joins). Keyed, namespaced state, so the engine checkpoints it and can split
 * it by key; a side's rows are evicted in event-time order once the watermark rules out any further match.
 *
 * @param <K> join key type
 * @param <V> row type
 */
final class JoinBuffer<K, V> {
    /** A buffered row and whether it has matched a row of the other side. */
    record Buffered<V>(V value, boolean matched) implements Serializable {
    }

    /** Visits one buffered row that matches. */
    interface Match<V> {
        /** {@code row} matches; return whether it should be removed from the buffer (a left semi join's emitted row). */
        boolean matched(Buffered<V> row);
    }

    private final NamespacedState<K, Long, List<Buffered<V>>> rows = new NamespacedState<>();
    private final List<Long> times = new ArrayList<>();

    NamespacedState<K, Long, List<Buffered<V>>> state() {
        return rows;
    }

    /** Buffers {@code value} of {@code key} at {@code time}. */
    void add(K key, long time, V value, boolean matched) {
        List<Buffered<V>> at = rows.get(key, time);
        List<Buffered<V>> next = new ArrayList<>(at == null ? 1 : at.size() + 1);
        if (at != null) {
            next.addAll(at);
        }
        next.add(new Buffered<>(value, matched));
        rows.put(key, time, List.copyOf(next));
    }

    /**
     * Visits every row of {@code key} with an event time in {@code [from, to]}, then marks them matched (if
     * {@code mark}) and removes those {@code match} asks to.
     *
     * @return how many rows matched
     */
    int match(K key, long from, long to, boolean mark, Match<V> match) {
        NavigableSet<Long> all = rows.namespacesOf(key);
        if (all.isEmpty() || from > to) {
            return 0;
        }
        times.clear();
        times.addAll(all.subSet(from, true, to, true));
        int matched = 0;
        for (Long time : times) {
            List<Buffered<V>> at = rows.get(key, time);
            List<Buffered<V>> kept = new ArrayList<>(at.size());
            boolean changed = false;
            for (Buffered<V> row : at) {
                matched++;
                if (match.matched(row)) {
                    changed = true;
                } else if (mark && !row.matched()) {
                    kept.add(new Buffered<>(row.value(), true));
                    changed = true;
                } else {
                    kept.add(row);
                }
            }
            if (kept.isEmpty()) {
                rows.remove(key, time);
            } else if (changed) {
                rows.put(key, time, List.copyOf(kept));
            }
        }
        return matched;
    }

    /**
     * Removes every row with an event time at or below {@code bound}, passing those that never matched to
     * {@code unmatched}.
     *
     * @return how many state entries (key and time) were removed
     */
    long evictUpTo(long bound, Consumer<V> unmatched) {
        long[] removed = {0};
        rows.evictUpTo(bound, true, (key, time, at) -> {
            removed[0]++;
            for (Buffered<V> row : at) {
                if (!row.matched()) {
                    unmatched.accept(row.value());
                }
            }
        });
        return removed[0];
    }
}
