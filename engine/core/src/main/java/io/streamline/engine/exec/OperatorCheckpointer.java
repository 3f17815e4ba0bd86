package io.streamline.engine.exec;

import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.state.KeyGroups;
import io.streamline.engine.state.StateCodec;
import io.streamline.engine.state.StateMirror;
import io.streamline.journal.SnapshotStore;
import io.streamline.journal.SnapshotWriter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checkpoints one stateful operator. For state that tracks its changes ({@link OperatorState#takeChanges()})
 * the record path only hands the epoch's changes over; a background thread applies them to its
 * {@link StateMirror} of the state and writes either a delta (the changed entries, removals as tombstones) or,
 * when the deltas since the last full snapshot outweigh the state or number {@value #DELTAS_PER_FULL}, a full
 * snapshot. So a marker costs the record path a buffer swap however large the state, and a restore reads one full
 * snapshot plus deltas no larger than the state and at most {@value #DELTAS_PER_FULL} of them. Other state is
 * snapshotted in full on the operator's thread.
 *
 * <p>Backpressure: at most {@value #MAX_IN_FLIGHT} epochs of one state wait for or are in the writer. When the
 * writer falls further behind, the operator's thread waits at the marker until the oldest is written: epochs then
 * take longer, the record path slows down instead of memory growing, and the wait is reported with the epoch
 * ({@code durationMs.snapshotWait} in progress). The writer thread is shared by every state of the query.
 *
 * <p>Snapshot layout: the first entry has an empty key (real keys are never empty) and holds
 * {@code kind, previous ref, base ref}; a delta's removed key has an empty value. Keyed state (state split into
 * key groups, {@link Grouping}) is written as the grouped kinds: the first entry also holds the number of key
 * groups, and every key starts with its group ({@link StateMirror#GROUP_BYTES} bytes). Both kinds are read.
 *
 * <p>Restore reads a list of chains: an operator restarted with another parallelism reads the last snapshot of
 * every instance it had, keeping the entries of the groups this instance owns now (an entry of an ungrouped
 * snapshot, written before state had groups, by the group of its decoded key).
 */
final class OperatorCheckpointer implements StateCheckpointer, AutoCloseable {
    /** Epochs of one state handed to the writer but not yet written, at most. */
    static final int MAX_IN_FLIGHT = 2;

    /** Told when a snapshot is written: {@link io.streamline.engine.epoch.EpochListener#snapshotWritten}. */
    @FunctionalInterface
    interface SnapshotListener {
        void snapshotWritten(String stateId, long epoch, long ref, long stateRows, long stateBytes, long waitedNanos);
    }

    /**
     * Bounds the chain a restore reads when each epoch changes little; when epochs change much, deltas outweigh
     * the state first. Full snapshots of large state cost the writer a core for a while (1M keys: ~0.1 s), and on
     * a small machine that is time the record path may have to share its core with, so they are kept rare.
     */
    static final int DELTAS_PER_FULL = 256;
    private static final byte[] META_KEY = new byte[0];
    private static final byte FULL = 1;
    private static final byte DELTA = 2;
    private static final byte GROUPED_FULL = 3;
    private static final byte GROUPED_DELTA = 4;

    /**
     * How keyed state is split into key groups: the groups ({@code groups} is this checkpointer's own, used on the
     * writer and restoring threads), the state whose {@link OperatorState#groupingKeyOf} gives an entry's key,
     * and the groups this instance owns.
     */
    record Grouping(KeyGroups groups, OperatorState state, KeyGroups.Range owned) {
        int groupOf(Object stateKey) {
            return groups.groupOf(state.groupingKeyOf(stateKey));
        }
    }

    /** One snapshot chain to restore from: the last snapshot {@code ref} in {@code store}. */
    record Chain(SnapshotStore store, long ref) {
    }

    private final String operatorId;
    /** Opened on first use: for a new checkpoint that is the first snapshot, after the query started. */
    private final Supplier<SnapshotStore> store;
    private final SnapshotListener listener;
    private final Consumer<Throwable> onFailure;
    private final Executor writer;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** Copy of the state, owned by the writer thread (and the starting thread before it runs). */
    private final StateMirror mirror;
    /** {@code null} for state not split into key groups. */
    private final Grouping grouping;
    /** Snapshot ref to the ref of the full snapshot its chain starts at: what retention must keep. */
    private final ConcurrentSkipListMap<Long, Long> baseOf = new ConcurrentSkipListMap<>();
    private long baseRef = -1;
    private long lastRef = -1;
    private int deltasSinceFull;
    private long deltaBytesSinceFull;

    /**
     * @param writer the query's snapshot writer: one thread, so each state's snapshots are written in epoch order
     */
    OperatorCheckpointer(String operatorId, SnapshotStore store, SnapshotListener listener, Executor writer,
                         Consumer<Throwable> onFailure) {
        this(operatorId, () -> store, null, listener, writer, onFailure);
    }

    /**
     * With a store opened on first use.
     *
     * @param grouping how the state is split into key groups; {@code null} for state that is not
     */
    OperatorCheckpointer(String operatorId, Supplier<SnapshotStore> store, Grouping grouping, SnapshotListener listener,
                         Executor writer, Consumer<Throwable> onFailure) {
        this.operatorId = operatorId;
        this.grouping = grouping;
        this.mirror = new StateMirror(grouping == null ? null : grouping::groupOf);
        this.store = store;
        this.listener = listener;
        this.onFailure = onFailure;
        this.writer = writer;
    }

    @Override
    public void checkpoint(long epoch, OperatorState state) {
        long waited = 0;
        if (!inFlight.tryAcquire()) {
            long start = System.nanoTime();
            inFlight.acquireUninterruptibly(); // the writer is behind: the epoch waits, memory does not grow
            waited = System.nanoTime() - start;
        }
        StateChanges changes = state.takeChanges();
        if (changes == null) {
            try {
                writeFullFromState(epoch, state, waited);
            } finally {
                inFlight.release();
            }
            return;
        }
        long waitedNanos = waited;
        writer.execute(() -> {
            try {
                writeIncrement(epoch, changes, waitedNanos);
            } catch (Throwable t) {
                onFailure.accept(t);
            } finally {
                changes.release();
                inFlight.release();
            }
        });
    }

    /** Runs on the writer thread. */
    private void writeIncrement(long epoch, StateChanges changes, long waitedNanos) {
        long changeBytes = mirror.apply(changes);
        boolean full = baseRef < 0 || deltasSinceFull >= DELTAS_PER_FULL || deltaBytesSinceFull + changeBytes > mirror.bytes();
        SnapshotWriter out = store.get().begin(epoch);
        if (full) {
            out.put(META_KEY, meta(grouping == null ? FULL : GROUPED_FULL, -1, -1));
            mirror.writeTo(out);
        } else {
            out.put(META_KEY, meta(grouping == null ? DELTA : GROUPED_DELTA, lastRef, baseRef));
            mirror.writeDelta(changes, out);
        }
        long ref = out.finish();
        if (full) {
            baseRef = ref;
            deltasSinceFull = 0;
            deltaBytesSinceFull = 0;
        } else {
            deltasSinceFull++;
            deltaBytesSinceFull += changeBytes;
        }
        lastRef = ref;
        baseOf.put(ref, baseRef);
        listener.snapshotWritten(operatorId, epoch, ref, mirror.size(), mirror.bytes(), waitedNanos);
    }

    /** State that does not track changes: a full snapshot on the operator's own thread. */
    private void writeFullFromState(long epoch, OperatorState state, long waitedNanos) {
        SnapshotWriter out = store.get().begin(epoch);
        long[] bytes = {0};
        if (grouping != null) {
            out.put(META_KEY, meta(GROUPED_FULL, -1, -1));
        }
        state.snapshot((key, value) -> {
            byte[] k = grouping == null ? StateCodec.encode(key) : groupedKey(key);
            byte[] v = StateCodec.encode(value);
            bytes[0] += k.length + v.length;
            out.put(k, v);
        });
        long ref = out.finish();
        baseOf.put(ref, ref);
        listener.snapshotWritten(operatorId, epoch, ref, state.numRows(), bytes[0], waitedNanos);
    }

    private byte[] groupedKey(Object key) {
        byte[] encoded = StateCodec.encode(key);
        byte[] k = new byte[StateMirror.GROUP_BYTES + encoded.length];
        ByteBuffer.wrap(k).putShort((short) grouping.groupOf(key)).put(encoded);
        return k;
    }

    /**
     * Loads the snapshots {@code chains} end at (each with the snapshots it builds on) into {@code state} and into
     * the mirror: for keyed state only the entries of the groups this instance owns. The chains belong to distinct
     * instances of one operator, whose keys never overlap. Runs before any thread of the query starts; the next
     * increment is written as a full snapshot.
     */
    void restore(List<Chain> chains, OperatorState state) {
        for (Chain chain : chains) {
            applyChain(chain.store(), chain.ref());
        }
        mirror.forEachDecoded(state::restore);
    }

    /** Loads snapshot {@code ref} of this state's own store (with the chain it builds on). */
    void restore(long ref, OperatorState state) {
        restore(List.of(new Chain(store.get(), ref)), state);
    }

    private void applyChain(SnapshotStore from, long ref) {
        List<byte[][]> entries = new ArrayList<>();
        from.read(ref, (key, value) -> entries.add(new byte[][]{key, value}));
        int first = 0;
        boolean grouped = false;
        if (!entries.isEmpty() && entries.get(0)[0].length == 0) {
            ByteBuffer meta = ByteBuffer.wrap(entries.get(0)[1]);
            byte kind = meta.get();
            long previous = meta.getLong();
            meta.getLong(); // the base: what retention keeps
            grouped = kind == GROUPED_FULL || kind == GROUPED_DELTA;
            if (grouped) {
                checkGroupCount(meta.getInt());
            }
            if (kind == DELTA || kind == GROUPED_DELTA) {
                applyChain(from, previous);
            }
            first = 1;
        }
        for (byte[][] entry : entries.subList(first, entries.size())) {
            if (grouped) {
                int group = ((entry[0][0] & 0xFF) << 8) | (entry[0][1] & 0xFF);
                if (grouping == null || grouping.owned().contains(group)) {
                    mirror.restore(Arrays.copyOfRange(entry[0], StateMirror.GROUP_BYTES, entry[0].length), entry[1]);
                }
            } else if (grouping == null || grouping.owned().contains(grouping.groupOf(StateCodec.decode(entry[0])))) {
                mirror.restore(entry[0], entry[1]);
            }
        }
    }

    private void checkGroupCount(int written) {
        if (grouping != null && written != grouping.groups().count()) {
            throw new IllegalStateException("State " + operatorId + " was checkpointed with " + written + " key groups,"
                    + " but this engine has keyGroups=" + grouping.groups().count() + ": the number of key groups decides"
                    + " where every key's state lives and cannot change for a checkpoint; build the engine with"
                    + " keyGroups(" + written + ") or use a new checkpointLocation");
        }
    }

    /** The oldest snapshot a commit of {@code ref} needs: the full snapshot its chain starts at. */
    long retainFrom(long ref) {
        Long base = baseOf.get(ref);
        baseOf.headMap(ref).clear(); // older refs are never asked again: commits only move forward
        return base == null ? ref : base;
    }

    private byte[] meta(byte kind, long previous, long base) {
        ByteBuffer meta = ByteBuffer.allocate(grouping == null ? 17 : 21).put(kind).putLong(previous).putLong(base);
        if (grouping != null) {
            meta.putInt(grouping.groups().count());
        }
        return meta.array();
    }

    /** Waits until the snapshots already handed to the writer are written (at most {@code timeoutMillis}). */
    @Override
    public void close() {
        try {
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
                onFailure.accept(new IllegalStateException("snapshots of " + operatorId + " were still being written after 30 s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
