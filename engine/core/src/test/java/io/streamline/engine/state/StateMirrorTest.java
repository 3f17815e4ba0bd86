package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;
import io.streamline.journal.JournalSettings;
import io.streamline.journal.SnapshotStore;
import io.streamline.journal.SnapshotVisitor;
import io.streamline.journal.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class StateMirrorTest {
    @TempDir
    Path dir;
    private int snapshots;

    @Test
    void shouldMirrorLongAndOtherValuesThroughChangesAndRemovals() {
        StateMirror mirror = new StateMirror();
        KeyedState<String, Object> state = new KeyedState<>();
        Map<String, Object> expected = new HashMap<>();
        for (int k = 0; k < 3000; k++) {
            Object value = k % 3 == 0 ? "text" + k : k % 3 == 1 ? (Object) (long) k : List.of(k);
            state.put("k" + k, value);
            expected.put("k" + k, value);
        }
        mirror.apply(state.takeChanges());
        for (int k = 0; k < 3000; k += 7) {
            state.remove("k" + k); // removals move other slots: values must move with their keys
            expected.remove("k" + k);
        }
        state.put("k1", "now a string");
        expected.put("k1", "now a string");
        state.put("k2", 42L);
        expected.put("k2", 42L);
        StateChanges changes = state.takeChanges();
        long deltaBytes = mirror.apply(changes);
        Map<Object, Object> delta = new HashMap<>();
        write(out -> mirror.writeDelta(changes, out), (k, v) -> delta.put(StateCodec.decode(k), v.length == 0 ? "REMOVED" : StateCodec.decode(v)));

        assertThat(decoded(mirror)).isEqualTo(expected);
        assertThat(mirror.size()).isEqualTo(expected.size());
        assertThat(mirror.bytes()).as("encoded size of the entries").isEqualTo(encodedSize(expected));
        assertThat(delta).hasSize(429 + 2).containsEntry("k7", "REMOVED").containsEntry("k1", "now a string").containsEntry("k2", 42L);
        assertThat(deltaBytes).isPositive();
    }

    @Test
    void shouldRestoreEntriesAndTombstonesAndWriteThemAsASnapshot() {
        StateMirror mirror = new StateMirror();
        mirror.restore(StateCodec.encode("a"), StateCodec.encode(5L));
        mirror.restore(StateCodec.encode("b"), StateCodec.encode("x"));
        mirror.restore(StateCodec.encode("c"), StateCodec.encode(Long.MIN_VALUE));
        mirror.restore(StateCodec.encode("a"), new byte[0]);

        Map<Object, Object> encodedAgain = new HashMap<>();
        write(mirror::writeTo, (k, v) -> encodedAgain.put(StateCodec.decode(k), StateCodec.decode(v)));
        assertThat(encodedAgain).isEqualTo(Map.of("b", "x", "c", Long.MIN_VALUE));
        assertThat(decoded(mirror)).isEqualTo(encodedAgain);

        mirror.clear();
        assertThat(mirror.size()).isZero();
        assertThat(mirror.bytes()).isZero();
        assertThat(decoded(mirror)).isEmpty();
    }

    /** Writes a snapshot into a real store and reads it back. */
    private void write(Consumer<SnapshotWriter> writer, SnapshotVisitor reader) {
        try (SnapshotStore store = SnapshotStore.open(dir.resolve("s" + snapshots++), "op", JournalSettings.defaults())) {
            SnapshotWriter out = store.begin(1);
            writer.accept(out);
            store.read(out.finish(), reader);
        }
    }

    private static Map<Object, Object> decoded(StateMirror mirror) {
        Map<Object, Object> entries = new HashMap<>();
        mirror.forEachDecoded(entries::put);
        return entries;
    }

    private static long encodedSize(Map<String, Object> entries) {
        return entries.entrySet().stream()
                .mapToLong(e -> StateCodec.encode(e.getKey()).length + StateCodec.encode(e.getValue()).length)
                .sum();
    }
}
