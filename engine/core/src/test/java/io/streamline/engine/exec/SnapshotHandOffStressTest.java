package io.streamline.engine.exec;

import io.streamline.engine.Stress;
import io.streamline.engine.TestSeed;
import io.streamline.engine.state.KeyedState;
import io.streamline.engine.state.LongKeyedState;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stress of the snapshot hand-off between the record thread and the query's journal thread: the record thread
 * changes a state at random for many epochs and checkpoints it at every marker, handing its change buffer to the
 * writer (at most two epochs in flight, the buffers handed back and reused) while it goes on changing the state.
 * Invariant: the snapshot of every epoch restores exactly the state as it was at that epoch's marker (a change of
 * a later epoch leaking into it, a buffer reused before it was written or a lost change would show), and the
 * listener hears of every epoch once, in order. Iterations: {@code -Dstreamline.stress.factor}.
 */
class SnapshotHandOffStressTest {
    private static final int KEYS = 2_000;

    @TempDir
    Path dir;

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "stress-journal"));
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<Long, Long> refs = new ConcurrentHashMap<>();
    private final List<Long> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    private final OperatorCheckpointer.SnapshotListener listener = (id, epoch, ref, rows, bytes, waited) -> {
        refs.put(epoch, ref);
        heard.add(epoch);
    };
    private SnapshotStore store;

    @AfterEach
    void close() {
        writer.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyEpochsSnapshotRestoresTheLongStateAsItWasAtItsMarker() {
        int epochs = Stress.iterations(400);
        Random random = TestSeed.random("SnapshotHandOffStressTest.long");
        store = SnapshotStore.open(dir, "1-count", JournalSettings.defaults());
        LongKeyedState<String> state = new LongKeyedState<>();
        Map<Long, Map<String, Long>> expected = new HashMap<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-count", store, listener, writer, failure::set)) {
            for (long epoch = 0; epoch < epochs; epoch++) {
                int changes = random.nextInt(2) == 0 ? random.nextInt(20) : random.nextInt(KEYS);
                for (int i = 0; i < changes; i++) {
                    String key = "k" + random.nextInt(KEYS);
                    int slot = state.slotOf(key);
                    if (slot < 0) {
                        state.insert(key, random.nextLong());
                    } else {
                        state.set(slot, random.nextLong());
                    }
                }
                checkpointer.checkpoint(epoch, state);
                if (epoch % sampleEvery(epochs) == 0 || epoch == epochs - 1) {
                    Map<String, Long> atMarker = new HashMap<>();
                    state.forEach(atMarker::put);
                    expected.put(epoch, atMarker);
                }
            }
        }
        assertThat(failure.get()).as("writer failure").isNull();
        assertThat(heard).as("epochs the listener heard of").isEqualTo(range(epochs));
        expected.forEach((epoch, atMarker) -> {
            LongKeyedState<String> restored = new LongKeyedState<>();
            new OperatorCheckpointer("1-count", store, listener, writer, failure::set).restore(refs.get(epoch), restored);
            Map<String, Long> actual = new HashMap<>();
            restored.forEach(actual::put);
            assertThat(actual).as("the state restored from epoch %d's snapshot", epoch).isEqualTo(atMarker);
        });
    }

    @Test
    void everyEpochsSnapshotRestoresTheObjectStateWithRemovalsAsItWasAtItsMarker() {
        int epochs = Stress.iterations(300);
        Random random = TestSeed.random("SnapshotHandOffStressTest.object");
        store = SnapshotStore.open(dir, "1-reduce", JournalSettings.defaults());
        KeyedState<String, String> state = new KeyedState<>();
        Map<Long, Map<String, String>> expected = new HashMap<>();
        try (OperatorCheckpointer checkpointer = new OperatorCheckpointer("1-reduce", store, listener, writer, failure::set)) {
            for (long epoch = 0; epoch < epochs; epoch++) {
                int changes = random.nextInt(KEYS / 4);
                for (int i = 0; i < changes; i++) {
                    String key = "k" + random.nextInt(KEYS);
                    if (random.nextInt(5) == 0) {
                        state.remove(key);
                    } else {
                        state.put(key, epoch + "/" + i);
                    }
                }
                checkpointer.checkpoint(epoch, state);
                if (epoch % sampleEvery(epochs) == 0 || epoch == epochs - 1) {
                    Map<String, String> atMarker = new HashMap<>();
                    state.forEach(atMarker::put);
                    expected.put(epoch, atMarker);
                }
            }
        }
        assertThat(failure.get()).as("writer failure").isNull();
        assertThat(heard).as("epochs the listener heard of").isEqualTo(range(epochs));
        expected.forEach((epoch, atMarker) -> {
            KeyedState<String, String> restored = new KeyedState<>();
            new OperatorCheckpointer("1-reduce", store, listener, writer, failure::set).restore(refs.get(epoch), restored);
            Map<String, String> actual = new HashMap<>();
            restored.forEach(actual::put);
            assertThat(actual).as("the state restored from epoch %d's snapshot", epoch).isEqualTo(atMarker);
        });
    }

    /** The states of about fifty epochs, spread over the run, are compared. */
    private static int sampleEvery(int epochs) {
        return Math.max(1, epochs / 50);
    }

    private static List<Long> range(int n) {
        List<Long> epochs = new ArrayList<>();
        for (long e = 0; e < n; e++) {
            epochs.add(e);
        }
        return epochs;
    }
}
