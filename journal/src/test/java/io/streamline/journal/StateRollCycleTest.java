package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot stores roll a file per second, so superseded snapshots leave the disk within a second. */
class StateRollCycleTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRollSnapshotFilesEverySecondSoRetentionFreesThemSoon() {
        JournalSettings state = JournalSettings.defaults().forState();
        assertThat(state.rollCycle()).isSameAs(JournalSettings.STATE_ROLL_CYCLE);
        assertThat(state.rollCycle().lengthInMillis()).isEqualTo(1000);
        try (SnapshotStore snapshots = SnapshotStore.open(tmp, "agg", state)) {
            // A file per second: a snapshot written in each of three seconds leaves three files. Chronicle's clock
            // may lag the wall clock by a few milliseconds at a boundary, so a write just after one can still land
            // in the earlier file: keep writing, a second apart, until the third file appears or the deadline passes.
            long last = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (long epoch = 0; RetentionTest.cycleFiles(tmp.resolve("state/agg")).size() < 3; epoch++) {
                assertThat(System.nanoTime()).as("three snapshot files within 10 s").isLessThan(deadline);
                int cycle = CycleClock.currentCycle(state.rollCycle());
                last = RetentionTest.writeSnapshot(snapshots, epoch);
                CycleClock.awaitCycleAfter(state.rollCycle(), cycle);
            }
            assertThat(RetentionTest.cycleFiles(tmp.resolve("state/agg")))
                    .allMatch(f -> f.getFileName().toString().matches("\\d{8}-\\d{6}S\\.cq4"));
            snapshots.retainFrom(last);
            assertThat(RetentionTest.cycleFiles(tmp.resolve("state/agg"))).as("only the last second's file").hasSize(1);
            assertThat(snapshots.read(last, (k, v) -> { })).isPositive();
        }
    }
}
