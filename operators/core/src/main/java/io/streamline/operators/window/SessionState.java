package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.NamespacedState;
import io.streamline.engine.state.ObjectSlotChanges;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The state of a session window aggregation: each open session has a slot (its key, start, end and accumulator in
 * arrays), a key's sessions (almost always one) are a short list of slots found by one lookup in an open-addressing
 * map from key to its first slot, and the watermark finds the sessions it completes in {@link SessionEndBuckets}, by
 * end time. A record that widens its key's session reuses the session's slot; what it allocates is what the aggregator
 * does and, as the session's checkpoint key changes, one {@link TimeWindow} and {@link NamespacedState.Entry} (a row
 * that goes out adds its {@code KeyValue}, and its {@link Windowed} once per bounds of the session).
 *
 * <p>Why: on the general {@link WindowState} every session is a namespace of a {@link NamespacedState}, so each
 * record removed and inserted a session in a sorted map over all sessions and allocated a set per session and per
 * key; the {@code session} workload (1 s gap, 100,000 rec/s, 100,000-200,000 keys) fell behind on it and its window
 * close to emit p99 was 109-270 ms.
 *
 * <p>A record opens {@code [start, end)} and merges with every session of its key it overlaps or touches, repeatedly
 * as the merged session widens, in the order the general state has them (by end, then start), so any aggregator's
 * merges are the same. Rows are those of {@link WindowState}: a session's row with its last millisecond as event
 * time, in append mode when the watermark evicts it, in continuous update mode per change, in micro-batch update mode
 * per changed session each batch, in complete mode every session each epoch (none is evicted). The rows of one
 * watermark or epoch may come in another order than the general state's: append mode evicts bucket by bucket,
 * complete mode goes by slot.
 *
 * <p>Checkpoints are those sessions had on {@link WindowState}: an {@code Entry(key, TimeWindow)} to its accumulator
 * per session, handed over as removed when the session is merged away, evicted or changes bounds (its new entry
 * then a change of its own), the grouping key of an entry its {@code Entry.key()}; so state written by either restores
 * into either and is split into key groups alike.
 *
 * @param <K> grouping key type
 * @param <T> record type
 * @param <A> accumulator type
 * @param <R> result type
 */
final class SessionState<K, T, A, R> implements WindowStore<K, T, R>, OperatorState {
    private static final int INITIAL_SLOTS = 1024;
    private static final int NONE = -1;

    private final WindowRules<K, T> rules;
    private final Aggregator<? super T, A, R> aggregator;
    /** Per key, the slot of its first session. */
    private final Object2IntHashMap<Object> firstSlot = new Object2IntHashMap<>(2 * INITIAL_SLOTS, Hashing.DEFAULT_LOAD_FACTOR, NONE);
    /** The open sessions by end; none in complete mode, which never evicts. */
    private final SessionEndBuckets byEnd = new SessionEndBuckets();
    /** Stamps a session's filing in {@link #byEnd}: an entry whose stamp is not its slot's is stale. */
    private long nextStamp;

    // Per slot; a free slot has no key.
    private Object[] keys = new Object[INITIAL_SLOTS];
    private long[] starts = new long[INITIAL_SLOTS];
    private long[] ends = new long[INITIAL_SLOTS];
    private Object[] accs = new Object[INITIAL_SLOTS];
    /** The checkpoint key, {@code Entry(key, TimeWindow)}, made when the session opens or changes bounds. */
    private Object[] entries = new Object[INITIAL_SLOTS];
    /** The emitted row key, made at the first emit of the session's current bounds. */
    private Windowed<?>[] rows = new Windowed<?>[INITIAL_SLOTS];
    /** The next session of the same key, or {@link #NONE}. */
    private int[] nextOfKey = new int[INITIAL_SLOTS];
    private long[] stamps = new long[INITIAL_SLOTS];
    private final SlotAllocator allocator = new SlotAllocator();
    /** Each slot's entry changed this epoch, for the checkpoint. */
    private final ObjectSlotChanges changes = new ObjectSlotChanges(INITIAL_SLOTS);

    /** The sessions one merge round takes, ordered by end then start. */
    private int[] overlapping = new int[4];

    SessionState(WindowRules<K, T> rules, Aggregator<? super T, A, R> aggregator) {
        this.rules = rules;
        this.aggregator = aggregator;
    }

    @Override
    public WindowRules<K, T> rules() {
        return rules;
    }

    @Override
    public OperatorState state() {
        return this;
    }

    /** Adds {@code value}'s own session {@code [start, end)}, merged with its key's sessions it overlaps or touches. */
    @Override
    @SuppressWarnings("unchecked")
    public void add(K key, long start, long end, T value, Output<KeyValue<Windowed<K>, R>> out) {
        A acc = aggregator.add(aggregator.zero(), value);
        int first = firstSlot.getValue(key);
        int target = NONE; // the first session merged, whose slot the merged session takes
        int count;
        while ((count = collectOverlapping(first, target, start, end)) > 0) {
            for (int i = 0; i < count; i++) {
                int slot = overlapping[i];
                A earlier = (A) accs[slot];
                acc = starts[slot] <= start ? aggregator.merge(earlier, acc) : aggregator.merge(acc, earlier);
                start = Math.min(start, starts[slot]);
                end = Math.max(end, ends[slot]);
                rules.rowRemoved();
                if (target == NONE) {
                    target = slot;
                } else {
                    first = unlink(key, first, slot);
                    free(slot);
                }
            }
        }
        int slot = target == NONE ? open(key, first) : target;
        if (target == NONE || starts[slot] != start || ends[slot] != end) {
            bound(slot, key, start, end);
        }
        accs[slot] = acc;
        changes.changed(slot, entries[slot], acc);
        rules.rowUpdated();
        if (rules.updatePerChange) {
            emit(slot, out);
        }
    }

    @Override
    public void onWatermark(long watermark, Output<KeyValue<Windowed<K>, R>> out) {
        if (rules.complete) {
            return;
        }
        byEnd.evictUpTo(watermark, (slot, stamp) -> {
            if (stamps[slot] == stamp && keys[slot] != null) {
                evict(slot, out);
            }
        });
    }

    @Override
    public void onEpochEnd(Output<KeyValue<Windowed<K>, R>> out) {
        if (rules.complete) {
            for (int slot = 0; slot < allocator.count(); slot++) {
                if (keys[slot] != null) {
                    emit(slot, out);
                }
            }
        } else if (rules.updatePerBatch) {
            changes.forEachChangedSlot(slot -> emit(slot, out));
        }
    }

    /**
     * Puts in {@link #overlapping}, ordered by end then start, the sessions of the list from {@code first} that overlap
     * or touch {@code [start, end]}, but for {@code merged} (the slot the record's session takes, already merged in,
     * whose bounds are still the old ones); returns how many.
     */
    private int collectOverlapping(int first, int merged, long start, long end) {
        int count = 0;
        for (int slot = first; slot != NONE; slot = nextOfKey[slot]) {
            if (slot != merged && starts[slot] <= end && ends[slot] >= start) {
                if (count == overlapping.length) {
                    overlapping = Arrays.copyOf(overlapping, count * 2);
                }
                int at = count++;
                while (at > 0 && isAfter(overlapping[at - 1], slot)) {
                    overlapping[at] = overlapping[at - 1];
                    at--;
                }
                overlapping[at] = slot;
            }
        }
        return count;
    }

    private boolean isAfter(int slot, int other) {
        return ends[slot] != ends[other] ? ends[slot] > ends[other] : starts[slot] > starts[other];
    }

    /** A session the watermark completed: removed (append mode emits it first). */
    private void evict(int slot, Output<KeyValue<Windowed<K>, R>> out) {
        rules.rowRemoved();
        if (rules.append) {
            emit(slot, out);
        }
        @SuppressWarnings("unchecked") K key = (K) keys[slot];
        unlink(key, firstSlot.getValue(key), slot);
        free(slot);
    }

    /** A session's row with its last millisecond as event time, as {@link WindowState} emits it. */
    @SuppressWarnings("unchecked")
    private void emit(int slot, Output<KeyValue<Windowed<K>, R>> out) {
        Windowed<K> row = (Windowed<K>) rows[slot];
        if (row == null) {
            row = new Windowed<>((K) keys[slot], starts[slot], ends[slot]);
            rows[slot] = row;
        }
        out.emit(new KeyValue<>(row, aggregator.finish((A) accs[slot])), ends[slot] - 1);
    }

    // ---- slots and the key lists

    /** Gives a new session of {@code key}, whose list starts at {@code first} (or is empty), a slot. */
    private int open(K key, int first) {
        int slot = allocator.take();
        if (slot == keys.length) {
            grow(slot * 2);
        }
        keys[slot] = key;
        if (first == NONE) {
            nextOfKey[slot] = NONE;
            firstSlot.put(key, slot);
        } else { // second in the list, so the map keeps its entry
            nextOfKey[slot] = nextOfKey[first];
            nextOfKey[first] = slot;
        }
        return slot;
    }

    /**
     * Sets the bounds of the session in {@code slot} (new, or one whose bounds change): its old entry, if any, goes to
     * the checkpoint as removed, and a session whose end changed is filed again for eviction.
     */
    private void bound(int slot, K key, long start, long end) {
        boolean opened = entries[slot] == null;
        if (!opened) {
            changes.removed(slot, entries[slot]);
        }
        boolean endChanged = opened || ends[slot] != end;
        starts[slot] = start;
        ends[slot] = end;
        entries[slot] = new NamespacedState.Entry<>(key, new TimeWindow(start, end));
        rows[slot] = null;
        if (endChanged) {
            fileByEnd(slot);
        }
    }

    /** Files the session in {@code slot} for eviction at its end, under a new stamp; complete mode never evicts. */
    private void fileByEnd(int slot) {
        if (!rules.complete) {
            stamps[slot] = ++nextStamp;
            byEnd.file(slot, nextStamp, ends[slot]);
        }
    }

    /** Takes {@code slot} out of {@code key}'s list, which starts at {@code first}; returns the list's new first slot. */
    private int unlink(K key, int first, int slot) {
        if (first == slot) {
            int next = nextOfKey[slot];
            if (next == NONE) {
                firstSlot.removeKey(key);
            } else {
                firstSlot.put(key, next);
            }
            return next;
        }
        int before = first;
        while (nextOfKey[before] != slot) {
            before = nextOfKey[before];
        }
        nextOfKey[before] = nextOfKey[slot];
        return first;
    }

    private void grow(int capacity) {
        keys = Arrays.copyOf(keys, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        accs = Arrays.copyOf(accs, capacity);
        entries = Arrays.copyOf(entries, capacity);
        rows = Arrays.copyOf(rows, capacity);
        nextOfKey = Arrays.copyOf(nextOfKey, capacity);
        stamps = Arrays.copyOf(stamps, capacity);
        changes.grow(capacity);
    }

    /** Removes the session in a slot no list holds any more (its entry to the checkpoint as removed) and frees it. */
    private void free(int slot) {
        changes.removed(slot, entries[slot]);
        keys[slot] = null;
        accs[slot] = null;
        entries[slot] = null;
        rows[slot] = null;
        allocator.free(slot);
    }

    // ---- OperatorState

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        for (int slot = 0; slot < allocator.count(); slot++) {
            if (keys[slot] != null) {
                out.accept(entries[slot], accs[slot]);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        NamespacedState.Entry<K, TimeWindow> entry = (NamespacedState.Entry<K, TimeWindow>) key;
        K grouping = entry.key();
        int slot = open(grouping, firstSlot.getValue(grouping));
        starts[slot] = entry.namespace().start();
        ends[slot] = entry.namespace().end();
        entries[slot] = entry;
        accs[slot] = value;
        fileByEnd(slot);
    }

    @Override
    public long numRows() {
        return allocator.live();
    }

    @Override
    public StateChanges takeChanges() {
        return changes.take();
    }

    @Override
    public Object groupingKeyOf(Object stateKey) {
        return ((NamespacedState.Entry<?, ?>) stateKey).key();
    }
}
