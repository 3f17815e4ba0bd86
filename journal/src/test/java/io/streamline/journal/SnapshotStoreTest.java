package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @TempDir
    Path checkpoint;

    @Test
    void shouldReadEmptySnapshot() {
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            long ref = store.begin(7).finish();

            List<byte[]> keys = new ArrayList<>();
            assertThat(store.read(ref, (k, v) -> keys.add(k))).isEqualTo(7);
            assertThat(keys).isEmpty();
        }
        assertThat(checkpoint.resolve("state/agg")).isDirectory();
    }

    @Test
    void shouldReadSingleEntry() {
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            SnapshotWriter writer = store.begin(1);
            writer.put(new byte[] {1, 2}, new byte[0]);
            long ref = writer.finish();

            List<byte[][]> entries = new ArrayList<>();
            assertThat(store.read(ref, (k, v) -> entries.add(new byte[][] {k, v}))).isEqualTo(1);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0)[0]).containsExactly(1, 2);
            assertThat(entries.get(0)[1]).isEmpty();
        }
    }

    @Test
    void shouldRead100kEntriesInWrittenOrderAfterReopen() {
        int count = 100_000;
        long ref;
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            SnapshotWriter writer = store.begin(42);
            for (int i = 0; i < count; i++) {
                writer.put(key(i), value(i));
            }
            ref = writer.finish();
        }
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            int[] next = {0};
            long epoch = store.read(ref, (k, v) -> {
                assertThat(k).isEqualTo(key(next[0]));
                assertThat(v).isEqualTo(value(next[0]));
                next[0]++;
            });

            assertThat(epoch).isEqualTo(42);
            assertThat(next[0]).isEqualTo(count);
        }
    }

    @Test
    void shouldReadValueLargerThanAnyJournalEntry() {
        JournalSettings smallBlocks =
                new JournalSettings(JournalSettings.defaults().rollCycle(), JournalSettings.MIN_BLOCK_SIZE, 500);
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", smallBlocks)) {
            SnapshotWriter writer = store.begin(3);
            writer.put(key(1), value(1));
            writer.put(big, big);
            writer.put(key(3), value(3));
            long ref = writer.finish();

            List<byte[][]> entries = new ArrayList<>();
            store.read(ref, (k, v) -> entries.add(new byte[][] {k, v}));
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0)[1]).isEqualTo(value(1));
            assertThat(entries.get(1)[0]).isEqualTo(big);
            assertThat(entries.get(1)[1]).isEqualTo(big);
            assertThat(entries.get(2)[0]).isEqualTo(key(3));
        }
    }

    @Test
    void shouldReadEachSnapshotByItsOwnRef() {
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            long first = writeSnapshot(store, 1, 3);
            long second = writeSnapshot(store, 2, 5);

            List<byte[]> firstKeys = new ArrayList<>();
            List<byte[]> secondKeys = new ArrayList<>();
            assertThat(store.read(first, (k, v) -> firstKeys.add(k))).isEqualTo(1);
            assertThat(store.read(second, (k, v) -> secondKeys.add(k))).isEqualTo(2);
            assertThat(firstKeys).hasSize(3);
            assertThat(secondKeys).hasSize(5);
        }
    }

    @Test
    void shouldRejectSnapshotThatWasNeverFinished() {
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            // No finish(): a crash during the checkpoint, once at the tail and once followed by a later snapshot.
            writeUnfinished(store, 5);
            long tailRef = headerRefs().get(0);
            assertThatThrownBy(() -> store.read(tailRef, (k, v) -> { }))
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("never finished")
                    .hasMessageContaining(checkpoint.resolve("state").resolve("agg").toString());

            long later = writeSnapshot(store, 6, 2);
            assertThatThrownBy(() -> store.read(tailRef, (k, v) -> { }))
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("never finished");
            assertThat(store.read(later, (k, v) -> { })).isEqualTo(6);
        }
    }

    @Test
    void shouldRejectSnapshotThatFailsItsChecksum() {
        long ref;
        try (EntryLog log = EntryLog.open(checkpoint.resolve("state/agg"), JournalSettings.defaults())) {
            ref = log.append(SnapshotFormat.header(9));
            log.append(new byte[] {SnapshotFormat.CHUNK, 0, 0, 0, 1, 42, 0, 0, 0, 1, 43});
            log.append(SnapshotFormat.trailer(1, 0xdead));
        }
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            assertThatThrownBy(() -> store.read(ref, (k, v) -> { }))
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("fails its check")
                    .hasMessageContaining("dead");
        }
    }

    @Test
    void shouldRejectRefThatHoldsNoSnapshot() {
        try (SnapshotStore store = SnapshotStore.open(checkpoint, "agg", JournalSettings.defaults())) {
            long ref = writeSnapshot(store, 1, 1);

            assertThatThrownBy(() -> store.read(ref + 1, (k, v) -> { }))
                    .isInstanceOf(CorruptSnapshotException.class)
                    .hasMessageContaining("header");
            assertThatThrownBy(() -> store.read(ref + 1000, (k, v) -> { }))
                    .isInstanceOf(CorruptSnapshotException.class);
        }
    }

    @Test
    void shouldRefuseOperatorIdThatIsNotAPlainName() {
        assertThatThrownBy(() -> SnapshotStore.open(checkpoint, "../escape", JournalSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../escape");
    }

    private static void writeUnfinished(SnapshotStore store, long epoch) {
        SnapshotWriter abandoned = store.begin(epoch);
        for (int i = 0; i < 20_000; i++) {
            abandoned.put(key(i), value(i));
        }
    }

    /** The refs of all snapshots begun so far, read through a second log on the store's directory. */
    private List<Long> headerRefs() {
        List<Long> refs = new ArrayList<>();
        try (EntryLog log = EntryLog.open(checkpoint.resolve("state/agg"), JournalSettings.defaults())) {
            log.forEach((index, payload) -> {
                if (SnapshotFormat.tag(payload) == SnapshotFormat.HEADER) {
                    refs.add(index);
                }
            });
        }
        return refs;
    }

    private static long writeSnapshot(SnapshotStore store, long epoch, int entries) {
        SnapshotWriter writer = store.begin(epoch);
        for (int i = 0; i < entries; i++) {
            writer.put(key(i), value(i));
        }
        return writer.finish();
    }

    static byte[] key(int i) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(i).array();
    }

    static byte[] value(int i) {
        return ByteBuffer.allocate(Long.BYTES).putLong(i * 31L).array();
    }
}
