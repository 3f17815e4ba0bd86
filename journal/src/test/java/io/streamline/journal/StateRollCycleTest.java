package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
            long last = -1;
            for (long epoch = 0; epoch < 3; epoch++) {
                int cycle = CycleClock.currentCycle(state.rollCycle());
                last = RetentionTest.writeSnapshot(snapshots, epoch);
                CycleClock.awaitCycleAfter(state.rollCycle(), cycle);
            }
            assertThat(RetentionTest.cycleFiles(tmp.resolve("state/agg"))).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(f -> f.getFileName().toString().matches("\\d{8}-\\d{6}S\\.cq4"));
            snapshots.retainFrom(last);
            assertThat(RetentionTest.cycleFiles(tmp.resolve("state/agg"))).as("only the last second's file").hasSize(1);
            assertThat(snapshots.read(last, (k, v) -> { })).isPositive();
        }
    }
}
