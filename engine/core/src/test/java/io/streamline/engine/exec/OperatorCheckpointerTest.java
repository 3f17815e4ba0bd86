package io.streamline.engine.exec;

import io.streamline.engine.Await;
import io.streamline.engine.state.KeyGroups;
import io.streamline.engine.state.KeyedState;
import io.streamline.engine.state.LongKeyedState;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorCheckpointerTest {
    @TempDir
    Path dir;

    private final Map<Long, Long> refsByEpoch = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final OperatorCheckpointer.SnapshotListener listener =
            (stateId, epoch, ref, stateRows, stateBytes, waited) -> refsByEpoch.put(epoch, ref);
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private SnapshotStore store;

    @AfterEach
    void close() {
        writer.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldWriteSmallDeltasAndRestoreTheirChainIncludingRemovals() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        KeyedState<String, Long> state = new KeyedState<>();
        Map<String, Long> expected = new HashMap<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            for (int k = 0; k < 1000; k++) {
                put(state, expected, "k" + k, (long) k);
            }
            checkpointer.checkpoint(0, state);
            for (long epoch = 1; epoch <= 5; epoch++) {
                put(state, expected, "k" + epoch, 1000 + epoch);
                put(state, expected, "new" + epoch, epoch);
                state.remove("k" + (500 + epoch));
                expected.remove("k" + (500 + epoch));
                checkpointer.checkpoint(epoch, state);
            }
            Await.until("six snapshots written", () -> refsByEpoch.size() == 6);
        }
        assertThat(failure.get()).isNull();
        assertThat(entries(refsByEpoch.get(0L))).as("first snapshot is full").isEqualTo(1 + 1000);
        assertThat(entries(refsByEpoch.get(5L))).as("a delta: meta + 2 puts + 1 removal").isEqualTo(1 + 3);

        KeyedState<String, Long> restored = new KeyedState<>();
        new OperatorCheckpointer("1-count", store, listener, writer, failure::set).restore(refsByEpoch.get(5L), restored);
        Map<String, Long> actual = new HashMap<>();
        restored.forEach(actual::put);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldCheckpointLongStateIncrementallyAndRestoreIt() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            for (int k = 0; k < 1000; k++) {
                state.insert("k" + k, k);
            }
            checkpointer.checkpoint(0, state);
            for (long epoch = 1; epoch <= 3; epoch++) {
                state.set(state.slotOf("k" + epoch), Long.MIN_VALUE + epoch);
                checkpointer.checkpoint(epoch, state);
            }
            Await.until("four snapshots written", () -> refsByEpoch.size() == 4);
        }
        assertThat(failure.get()).isNull();
        assertThat(entries(refsByEpoch.get(3L))).as("a delta: meta + 1 change").isEqualTo(2);

        LongKeyedState<String> restored = new LongKeyedState<>();
        new OperatorCheckpointer("1-count", store, listener, writer, failure::set).restore(refsByEpoch.get(3L), restored);
        Map<String, Long> expected = new HashMap<>();
        state.forEach(expected::put);
        Map<String, Long> actual = new HashMap<>();
        restored.forEach(actual::put);
        assertThat(actual).hasSize(1000).isEqualTo(expected).containsEntry("k3", Long.MIN_VALUE + 3);
    }

    @Test
    void shouldWriteAFullSnapshotOnceDeltasOutweighTheStateOrReachTheirBound() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        int epochs = OperatorCheckpointer.DELTAS_PER_FULL + 2;
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            for (int k = 0; k < 1000; k++) {
                state.insert("k" + k, k);
            }
            checkpointer.checkpoint(0, state);
            for (long epoch = 1; epoch < epochs; epoch++) { // one key per epoch: deltas stay far below the state
                state.set(state.slotOf("k1"), epoch);
                checkpointer.checkpoint(epoch, state);
            }
            for (int k = 0; k < 1000; k++) { // every key changes: this delta and the next outweigh the state
                state.set(state.slotOf("k" + k), -k);
            }
            checkpointer.checkpoint(epochs, state);
            state.set(state.slotOf("k0"), 5);
            checkpointer.checkpoint(epochs + 1, state);
            Await.until("every snapshot written", () -> refsByEpoch.size() == epochs + 2);
        }
        assertThat(failure.get()).isNull();
        assertThat(isFull(OperatorCheckpointer.DELTAS_PER_FULL)).as("last delta of the chain").isFalse();
        assertThat(isFull(OperatorCheckpointer.DELTAS_PER_FULL + 1)).as("chain bound reached").isTrue();
        assertThat(isFull(epochs)).as("a delta as large as the state").isFalse();
        assertThat(entries(refsByEpoch.get((long) epochs))).isEqualTo(1 + 1000);
        assertThat(isFull(epochs + 1)).as("deltas now outweigh the state").isTrue();
        assertThat(entries(refsByEpoch.get((long) epochs + 1))).isEqualTo(1 + 1000);
    }

    /** Whether the snapshot of {@code epoch} is full: its meta entry's first byte (see OperatorCheckpointer). */
    private boolean isFull(long epoch) {
        byte[][] meta = new byte[1][];
        store.read(refsByEpoch.get(epoch), (k, v) -> {
            if (k.length == 0) {
                meta[0] = v;
            }
        });
        return meta[0][0] == 1;
    }

    @Test
    void shouldRetainFromTheFullSnapshotAChainStartsAt() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        KeyedState<String, Long> state = new KeyedState<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            for (int k = 0; k < 100; k++) {
                state.put("k" + k, 0L);
            }
            checkpointer.checkpoint(0, state);
            state.put("k1", 1L);
            checkpointer.checkpoint(1, state);
            Await.until("two snapshots written", () -> refsByEpoch.size() == 2);
            assertThat(checkpointer.retainFrom(refsByEpoch.get(1L))).isEqualTo(refsByEpoch.get(0L));
        }
    }

    /** Occupies the writer until the returned latch is counted down. */
    private java.util.concurrent.CountDownLatch blockWriter() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        writer.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    @Test
    void shouldMakeTheOperatorWaitAtTheMarkerOnceTwoEpochsAreBehindAndReportTheWait() throws Exception {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        Map<Long, Long> waits = new ConcurrentHashMap<>();
        OperatorCheckpointer.SnapshotListener timing = (id, epoch, ref, rows, bytes, waited) -> {
            refsByEpoch.put(epoch, ref);
            waits.put(epoch, waited);
        };
        java.util.concurrent.CountDownLatch release = blockWriter();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, timing, writer, failure::set)) {
            state.insert("a", 1);
            checkpointer.checkpoint(0, state);
            state.set(state.slotOf("a"), 2);
            checkpointer.checkpoint(1, state); // two epochs behind: still no wait
            state.set(state.slotOf("a"), 3);
            Thread marker = new Thread(() -> checkpointer.checkpoint(2, state), "marker-of-epoch-2");
            marker.start();
            Await.until("the third marker waits for the writer", () -> marker.getState() == Thread.State.WAITING);
            release.countDown();
            marker.join(30_000);
            Await.until("three snapshots written", () -> refsByEpoch.size() == 3);
        }
        assertThat(failure.get()).isNull();
        assertThat(waits.get(0L)).isZero();
        assertThat(waits.get(1L)).isZero();
        assertThat(waits.get(2L)).as("the wait of epoch 2's marker").isPositive();
    }

    @Test
    void shouldCheckpointAMutableValueAsItWasAtTheMarker() {
        store = SnapshotStore.open(dir, "1-reduce", JournalSettings.defaults());
        KeyedState<String, java.util.ArrayList<Integer>> state = new KeyedState<>();
        java.util.ArrayList<Integer> accumulator = new java.util.ArrayList<>(List.of(1));
        java.util.concurrent.CountDownLatch release = blockWriter();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-reduce", store, listener, writer, failure::set)) {
            state.put("k", accumulator);
            checkpointer.checkpoint(0, state);
            accumulator.add(2); // the operator mutates its accumulator after the marker, before the writer runs
            release.countDown();
            Await.until("the snapshot written", () -> refsByEpoch.size() == 1);
        }
        KeyedState<String, java.util.ArrayList<Integer>> restored = new KeyedState<>();
        new OperatorCheckpointer("1-reduce", store, listener, writer, failure::set).restore(refsByEpoch.get(0L), restored);
        assertThat(restored.get("k")).containsExactly(1);
    }

    private static void put(KeyedState<String, Long> state, Map<String, Long> expected, String key, long value) {
        state.put(key, value);
        expected.put(key, value);
    }

    private int entries(long ref) {
        int[] n = {0};
        store.read(ref, (k, v) -> n[0]++);
        return n[0];
    }

    @Test
    void shouldSplitAnUngroupedSnapshotAndGroupedDeltasByTheGroupsEachInstanceOwns() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        for (int k = 0; k < 1000; k++) {
            state.insert("k" + k, k);
        }
        // An old checkpoint: written before state had key groups.
        try (OperatorCheckpointer old = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            old.checkpoint(0, state);
            Await.until("the ungrouped snapshot written", () -> refsByEpoch.containsKey(0L));
        }
        KeyGroups groups = new KeyGroups(16);
        Map<String, Long> expected = new HashMap<>();
        state.forEach(expected::put);

        Map<String, Long> union = new HashMap<>();
        for (int instance = 0; instance < 2; instance++) {
            KeyGroups.Range owned = groups.rangeOf(instance, 2);
            LongKeyedState<String> part = new LongKeyedState<>();
            new OperatorCheckpointer("1-count", () -> store, new OperatorCheckpointer.Grouping(new KeyGroups(16), part, owned),
                    listener, writer, failure::set).restore(refsByEpoch.get(0L), part);
            part.forEach((key, value) -> {
                assertThat(owned.contains(groups.groupOf(key))).as("%s belongs to instance %s", key, owned).isTrue();
                assertThat(union.put(key, value)).as("%s restored once", key).isNull();
            });
            assertThat(part.numRows()).as("instance %d's share", instance).isBetween(300L, 700L);
        }
        assertThat(union).isEqualTo(expected);
    }

    @Test
    void shouldRefuseToRestoreGroupedStateWithAnotherNumberOfKeyGroups() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        state.insert("a", 1);
        OperatorCheckpointer.Grouping grouping = new OperatorCheckpointer.Grouping(new KeyGroups(16), state,
                new KeyGroups(16).rangeOf(0, 1));
        try (OperatorCheckpointer grouped = new OperatorCheckpointer("1-count", () -> store, grouping, listener, writer,
                failure::set)) {
            grouped.checkpoint(0, state);
            Await.until("the grouped snapshot written", () -> refsByEpoch.containsKey(0L));
        }
        LongKeyedState<String> restored = new LongKeyedState<>();
        OperatorCheckpointer other = new OperatorCheckpointer("1-count", () -> store,
                new OperatorCheckpointer.Grouping(new KeyGroups(32), restored, new KeyGroups(32).rangeOf(0, 1)), listener,
                writer, failure::set);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.restore(refsByEpoch.get(0L), restored))
                .hasMessageContaining("State 1-count was checkpointed with 16 key groups, but this engine has keyGroups=32");
    }
}
