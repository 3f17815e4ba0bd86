package io.streamline.engine.exec;

import io.streamline.engine.Await;
import io.streamline.engine.state.KeyedState;
import io.streamline.engine.state.LongKeyedState;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorCheckpointerTest {
    @TempDir
    Path dir;

    private final Map<Long, Long> refsByEpoch = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final OperatorCheckpointer.SnapshotListener listener =
            (stateId, epoch, ref, stateRows, stateBytes) -> refsByEpoch.put(epoch, ref);
    private SnapshotStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldWriteSmallDeltasAndRestoreTheirChainIncludingRemovals() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        KeyedState<String, Long> state = new KeyedState<>();
        Map<String, Long> expected = new HashMap<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, "test-writer", failure::set)) {
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
        new OperatorCheckpointer("1-count", store, listener, "restorer", failure::set).restore(refsByEpoch.get(5L), restored);
        Map<String, Long> actual = new HashMap<>();
        restored.forEach(actual::put);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldCheckpointLongStateIncrementallyAndRestoreIt() {
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, "test-writer", failure::set)) {
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
        new OperatorCheckpointer("1-count", store, listener, "restorer", failure::set).restore(refsByEpoch.get(3L), restored);
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
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, "test-writer", failure::set)) {
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
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, "test-writer", failure::set)) {
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

    private static void put(KeyedState<String, Long> state, Map<String, Long> expected, String key, long value) {
        state.put(key, value);
        expected.put(key, value);
    }

    private int entries(long ref) {
        int[] n = {0};
        store.read(ref, (k, v) -> n[0]++);
        return n[0];
    }
}
