package io.streamline.journal;

import static io.streamline.journal.EntryLogTest.bytes;
import static io.streamline.journal.EntryLogTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.RollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    private static final JournalSettings SETTINGS = JournalSettings.fastRolling();
    private static final RollCycle ROLL = SETTINGS.rollCycle();

    @TempDir
    Path tmp;

    @Test
    void shouldDeleteOlderCycleFilesAndKeepLogReadableAndAppendable() {
        Path dir = tmp.resolve("log");
        long kept;
        try (EntryLog log = EntryLog.open(dir, SETTINGS)) {
            long old = log.append(bytes("old"));
            CycleClock.awaitCycleAfter(ROLL, ROLL.toCycle(old));
            kept = log.append(bytes("kept"));
            assertThat(cycleFiles(dir)).hasSize(2);

            log.retainFrom(kept);

            assertThat(cycleFiles(dir)).hasSize(1);
            assertThat(texts(log)).containsExactly("kept");
            assertThat(log.last().map(EntryLogTest::text)).hasValue("kept");
            log.append(bytes("after"));
            assertThat(log.last().map(EntryLogTest::text)).hasValue("after");
        }
        try (EntryLog log = EntryLog.open(dir, SETTINGS)) {
            assertThat(texts(log)).containsExactly("kept", "after");
            log.append(bytes("reopened"));
            assertThat(log.indexFromEnd(3)).hasValue(kept);
        }
    }

    @Test
    void shouldKeepDiskBoundedWhileCommitsAndSnapshotsAccumulate() {
        try (CommitLog commits = CommitLog.open(tmp, SETTINGS);
             SnapshotStore snapshots = SnapshotStore.open(tmp, "agg", SETTINGS)) {
            List<Long> refs = new ArrayList<>();
            for (long epoch = 1; epoch <= 3; epoch++) {
                long ref = writeSnapshot(snapshots, epoch);
                refs.add(ref);
                CommitRecord commit = CommitLogTest.commit(epoch);
                commits.append(commit);
                int cycleOfCommit = CycleClock.currentCycle(ROLL);

                // What the engine does after each commit: keep the last two commits and the snapshots they name.
                commits.retainLast(2);
                snapshots.retainFrom(refs.get(Math.max(0, refs.size() - 2)));

                assertThat(cycleFiles(tmp.resolve("commits"))).hasSizeLessThanOrEqualTo(2);
                // Two snapshots, plus one file if a loaded machine let one straddle a cycle boundary.
                assertThat(cycleFiles(tmp.resolve("state/agg"))).hasSizeLessThanOrEqualTo(3);
                assertThat(commits.last()).hasValue(commit);
                assertThat(snapshots.read(ref, (k, v) -> { })).isEqualTo(epoch);
                // The next epoch writes in a later cycle, so that retention has whole older cycles to delete.
                CycleClock.awaitCycleAfter(ROLL, cycleOfCommit);
            }
            assertThat(commits.readAll()).containsExactly(CommitLogTest.commit(2), CommitLogTest.commit(3));
            assertThat(snapshots.read(refs.get(1), (k, v) -> { })).isEqualTo(2);
        }
    }

    @Test
    void shouldNotDeleteAnythingWhenFewerCommitsThanRetained() {
        try (CommitLog commits = CommitLog.open(tmp, SETTINGS)) {
            commits.append(CommitLogTest.commit(1));
            CycleClock.awaitCycleAfter(ROLL, CycleClock.currentCycle(ROLL));
            commits.append(CommitLogTest.commit(2));

            commits.retainLast(3);

            assertThat(commits.readAll()).containsExactly(CommitLogTest.commit(1), CommitLogTest.commit(2));
        }
    }

    static long writeSnapshot(SnapshotStore store, long epoch) {
        SnapshotWriter writer = store.begin(epoch);
        for (int i = 0; i < 1000; i++) {
            writer.put(SnapshotStoreTest.key(i), SnapshotStoreTest.value(i));
        }
        return writer.finish();
    }

    private static List<String> texts(EntryLog log) {
        List<String> texts = new ArrayList<>();
        log.forEach((index, payload) -> texts.add(text(payload)));
        return texts;
    }

    static List<Path> cycleFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
