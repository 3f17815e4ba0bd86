package io.streamline.operators.window;

import io.streamline.engine.KeyValue;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.LongChangeBuffer;
import io.streamline.engine.state.NamespacedState;
import io.streamline.engine.state.SlotChangeTracker;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * The state of a count or sum over fixed (tumbling or sliding) windows, kept unboxed: each (key, window) gets a slot
 * once, its running value lives in a {@code long[]}, and a record's update is a lookup in an open-addressing index
 * on (key, window start) followed by a store, with nothing allocated. The row key the slot emits ({@link Windowed})
 * and the key it is checkpointed under ({@link NamespacedState.Entry} of key and {@link TimeWindow}) are created once,
 * with the slot, and reused for every emit and every epoch's change; rows go out through
 * {@link Output#emitKeyedLong(Object, long, long)}, so no {@code KeyValue} or {@code Long} is made per record where
 * the rest of the chain takes the pair unboxed. Each window keeps the list of its slots, in the order its keys entered
 * it: the watermark evicts a window by walking that list.
 *
 * <p>Why: the general {@link WindowState} allocates, per record and window, a {@link TimeWindow} and an {@code Entry}
 * for two hash lookups, and per changed window the emitted {@code KeyValue}, {@code Windowed} and {@code Long}
 * (bench/README.md, "Where the windowed count's time went"); this state is what {@code count()} and {@code sum(...)}
 * of tumbling and sliding windows run on. Measured 2026-12-04 (bench/README.md, "The window count on unboxed
 * state"): {@code WindowedCountBenchmark} 145-155 -> 50-54 ns and 139 -> 1.4 B per record (tumbling), 482-549 ->
 * 96-118 ns and 275 -> 1.4 B (sliding); the unpaced {@code windowed-count} run 1.0-1.5 M -> 4.7-5.9 M records/s on one
 * task, its p99 at 100,000 rec/s 1.4-2.3 ms -> 42-46 µs.
 *
 * <p>Checkpoints are those of {@link WindowState}: the same entries (an {@code Entry(key, TimeWindow)} to its
 * {@code Long}), changed ones handed over incrementally at each epoch marker (evicted ones as removed), the grouping
 * key of an entry its {@code Entry.key()}, so state written by either restores into either, and is split into key
 * groups alike when the parallelism changes.
 *
 * @param <K> grouping key type
 * @param <T> record type
 */
final class LongWindowState<K, T> implements WindowStore<K, T, Long>, OperatorState {
    private static final int INITIAL_SLOTS = 1024;

    /** One window and its slots, in the order its keys entered it. */
    private static final class WindowSlots {
        final TimeWindow window;
        int[] slots = new int[64];
        int size;

        WindowSlots(TimeWindow window) {
            this.window = window;
        }

        void add(int slot) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
            }
            slots[size++] = slot;
        }
    }

    private final WindowRules<K, T> rules;
    /** What one record adds to each of its windows: 1 for a count, the summed value for a sum. */
    private final ToLongFunction<? super T> addend;
    /** The open windows, ordered by end (then start): those a watermark completes come first. */
    private final TreeMap<TimeWindow, WindowSlots> windows = new TreeMap<>();
    /** The window the last new slot went into: a window's slots are mostly created one after another. */
    private WindowSlots recent;

    // Per slot; a free slot has no key.
    private Object[] keys = new Object[INITIAL_SLOTS];
    private long[] starts = new long[INITIAL_SLOTS];
    private long[] ends = new long[INITIAL_SLOTS];
    private long[] values = new long[INITIAL_SLOTS];
    private int[] hashes = new int[INITIAL_SLOTS];
    private Windowed<?>[] rows = new Windowed<?>[INITIAL_SLOTS];
    private Object[] entries = new Object[INITIAL_SLOTS];
    /** Per slot: where its change is in {@link #changes}, so no lookup finds it. */
    private final SlotChangeTracker tracker = new SlotChangeTracker(INITIAL_SLOTS);
    private final SlotAllocator allocator = new SlotAllocator();

    /** The index: per bucket, its slot + 1, or 0 for none; linear probing, at most half full. */
    private int[] table = new int[2 * INITIAL_SLOTS];
    private int mask = table.length - 1;

    /** The change buffer the writer handed back, for the next epoch to reuse. */
    private final AtomicReference<LongChangeBuffer> spare = new AtomicReference<>();
    private LongChangeBuffer changes = new LongChangeBuffer(16, spare::set);

    LongWindowState(WindowRules<K, T> rules, ToLongFunction<? super T> addend) {
        this.rules = rules;
        this.addend = addend;
    }

    @Override
    public WindowRules<K, T> rules() {
        return rules;
    }

    @Override
    public OperatorState state() {
        return this;
    }

    /** Adds {@code value} to {@code key}'s window {@code [start, end)}; in continuous update mode the row goes out. */
    @Override
    public void add(K key, long start, long end, T value, Output<KeyValue<Windowed<K>, Long>> out) {
        int hash = hash(key, start);
        int bucket = hash & mask;
        int slot;
        while ((slot = table[bucket] - 1) >= 0
                && !(hashes[slot] == hash && starts[slot] == start && ends[slot] == end && keys[slot].equals(key))) {
            bucket = (bucket + 1) & mask;
        }
        long next = addend.applyAsLong(value);
        if (slot < 0) {
            slot = newSlot(key, start, end, hash, bucket);
        } else {
            next += values[slot];
        }
        values[slot] = next;
        recordChange(slot, next);
        rules.rowUpdated();
        if (rules.updatePerChange) {
            out.emitKeyedLong(rows[slot], next, end - 1);
        }
    }

    @Override
    public void onWatermark(long watermark, Output<KeyValue<Windowed<K>, Long>> out) {
        if (rules.complete) {
            return;
        }
        while (!windows.isEmpty() && windows.firstKey().end() <= watermark) {
            evict(windows.pollFirstEntry().getValue(), out);
        }
    }

    @Override
    public void onEpochEnd(Output<KeyValue<Windowed<K>, Long>> out) {
        if (rules.complete) {
            for (WindowSlots window : windows.values()) {
                for (int i = 0; i < window.size; i++) {
                    emit(window.slots[i], out);
                }
            }
        } else if (rules.updatePerBatch) {
            changes.forEachLiveSlot(slot -> emit(slot, out));
        }
    }

    /** A window the watermark completed: each of its rows is removed (append mode emits it first). */
    private void evict(WindowSlots window, Output<KeyValue<Windowed<K>, Long>> out) {
        for (int i = 0; i < window.size; i++) {
            int slot = window.slots[i];
            rules.rowRemoved();
            if (rules.append) {
                emit(slot, out);
            }
            int position = tracker.positionOf(slot);
            if (position >= 0) {
                changes.remove(position);
            } else {
                changes.appendRemoved(entries[slot]);
            }
            tracker.forget(slot);
            free(slot);
        }
        if (recent == window) {
            recent = null;
        }
    }

    /** A slot's row with the window's last millisecond as its event time, as {@link WindowState} emits it. */
    private void emit(int slot, Output<KeyValue<Windowed<K>, Long>> out) {
        out.emitKeyedLong(rows[slot], values[slot], ends[slot] - 1);
    }

    private void recordChange(int slot, long value) {
        int position = tracker.positionOf(slot);
        if (position >= 0) {
            changes.set(position, value);
        } else {
            tracker.track(slot, changes.append(entries[slot], value, slot));
        }
    }

    // ---- slots and the index

    private static int hash(Object key, long start) {
        int h = key.hashCode() * 0x9E3779B9 + Long.hashCode(start) * 0x85EBCA6B;
        return h ^ (h >>> 16);
    }

    /** Gives (key, window) a slot, entered in the index at {@code bucket} (the empty one its lookup ended at). */
    private int newSlot(K key, long start, long end, int hash, int bucket) {
        int slot = allocator.take();
        if (slot == keys.length) {
            grow(slot * 2);
        }
        WindowSlots window = windowOf(start, end);
        keys[slot] = key;
        starts[slot] = start;
        ends[slot] = end;
        hashes[slot] = hash;
        rows[slot] = new Windowed<>(key, start, end);
        entries[slot] = new NamespacedState.Entry<>(key, window.window);
        window.add(slot);
        table[bucket] = slot + 1;
        if (allocator.live() * 2 > table.length) {
            rehash(table.length * 2);
        }
        return slot;
    }

    private WindowSlots windowOf(long start, long end) {
        if (recent != null && recent.window.start() == start && recent.window.end() == end) {
            return recent;
        }
        TimeWindow window = new TimeWindow(start, end);
        WindowSlots slots = windows.get(window);
        if (slots == null) {
            slots = new WindowSlots(window);
            windows.put(window, slots);
        }
        recent = slots;
        return slots;
    }

    private void grow(int capacity) {
        keys = Arrays.copyOf(keys, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        values = Arrays.copyOf(values, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
        rows = Arrays.copyOf(rows, capacity);
        entries = Arrays.copyOf(entries, capacity);
        tracker.grow(capacity);
    }

    /** Takes a slot out of the index (shifting back the entries probed past it) and frees it for reuse. */
    private void free(int slot) {
        int hole = hashes[slot] & mask;
        while (table[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        table[hole] = 0;
        for (int bucket = (hole + 1) & mask; table[bucket] != 0; bucket = (bucket + 1) & mask) {
            int home = hashes[table[bucket] - 1] & mask;
            if (((bucket - home) & mask) >= ((bucket - hole) & mask)) { // the hole is on its probe path: move it up
                table[hole] = table[bucket];
                table[bucket] = 0;
                hole = bucket;
            }
        }
        keys[slot] = null;
        rows[slot] = null;
        entries[slot] = null;
        allocator.free(slot);
    }

    private void rehash(int buckets) {
        table = new int[buckets];
        mask = buckets - 1;
        for (int slot = 0; slot < allocator.count(); slot++) {
            if (keys[slot] != null) {
                int bucket = hashes[slot] & mask;
                while (table[bucket] != 0) {
                    bucket = (bucket + 1) & mask;
                }
                table[bucket] = slot + 1;
            }
        }
    }

    // ---- OperatorState

    @Override
    public void snapshot(BiConsumer<Object, Object> out) {
        for (WindowSlots window : windows.values()) {
            for (int i = 0; i < window.size; i++) {
                int slot = window.slots[i];
                out.accept(entries[slot], values[slot]);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object key, Object value) {
        NamespacedState.Entry<K, TimeWindow> entry = (NamespacedState.Entry<K, TimeWindow>) key;
        long start = entry.namespace().start();
        int hash = hash(entry.key(), start);
        int bucket = hash & mask;
        while (table[bucket] != 0) {
            bucket = (bucket + 1) & mask;
        }
        int slot = newSlot(entry.key(), start, entry.namespace().end(), hash, bucket); // may grow the arrays
        values[slot] = (Long) value;
    }

    @Override
    public long numRows() {
        return allocator.live();
    }

    @Override
    public StateChanges takeChanges() {
        LongChangeBuffer taken = changes;
        LongChangeBuffer reused = spare.getAndSet(null);
        changes = reused != null ? reused : new LongChangeBuffer(taken.size(), spare::set);
        tracker.nextGeneration();
        return taken;
    }

    @Override
    public Object groupingKeyOf(Object stateKey) {
        return ((NamespacedState.Entry<?, ?>) stateKey).key();
    }
}
