package io.streamline.engine.exec;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.ContinuousExactlyOnceChild;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous mode's epoch log and its replay, end to end in a child JVM: the query halts itself after an epoch's
 * boundaries were logged and its output made durable but before its commit record (the fault hook), so the
 * checkpoint holds logged epochs beyond the last commit. After the restart those epochs must commit with exactly
 * the boundaries that were logged, under the same ids, before any new epoch.
 */
class EpochReplayTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplayLoggedEpochsWithTheirBoundariesAfterAHaltBeforeTheirCommit() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        Path log = dir.resolve("child.log");

        ChildJvm halting = ChildJvm.start(ContinuousExactlyOnceChild.class, log,
                List.of("-Dstreamline.test.haltBeforeCommit=0.2"), checkpoint.toString(), output.toString(), "rate:5000");
        halting.await("the child halts before a commit record", Duration.ofSeconds(90), () -> !halting.isAlive());
        assertThat(halting.exitValue()).as("halted by the hook before a commit record; log:%n%s", halting.tail())
                .isEqualTo(FaultInjection.BEFORE_COMMIT_RECORD);

        long lastCommitted = commits(checkpoint).stream().mapToLong(CommitRecord::epoch).max().orElse(-1);
        List<CommitRecord> logged = epochLog(checkpoint).stream().filter(e -> e.epoch() > lastCommitted).toList();
        assertThat(logged).as("epochs logged ahead of the last commit (%d)", lastCommitted).isNotEmpty();
        assertThat(logged.get(0).epoch()).isEqualTo(lastCommitted + 1);
        long lastLogged = logged.get(logged.size() - 1).epoch();
        // Every epoch committed so far was logged first, with the offsets its commit holds.
        Map<Long, Map<String, String>> loggedBefore = epochLog(checkpoint).stream()
                .collect(Collectors.toMap(CommitRecord::epoch, CommitRecord::sourceOffsets, (a, b) -> a));
        commits(checkpoint).forEach(c -> assertThat(loggedBefore.get(c.epoch())).as("logged boundaries of epoch %d", c.epoch())
                .isEqualTo(c.sourceOffsets()));

        ChildJvm restarted = ChildJvm.start(ContinuousExactlyOnceChild.class, log, List.of(), checkpoint.toString(),
                output.toString(), "rate:5000");
        restarted.await("the restarted child commits past the replayed epochs", Duration.ofSeconds(90),
                () -> commits(checkpoint).stream().anyMatch(c -> c.epoch() > lastLogged));
        restarted.kill();

        Map<Long, CommitRecord> committed = commits(checkpoint).stream()
                .collect(Collectors.toMap(CommitRecord::epoch, c -> c, (a, b) -> a));
        for (CommitRecord epoch : logged) {
            assertThat(committed.get(epoch.epoch())).as("commit of replayed epoch %d", epoch.epoch()).isNotNull();
            assertThat(committed.get(epoch.epoch()).sourceOffsets()).as("offsets of replayed epoch %d", epoch.epoch())
                    .isEqualTo(epoch.sourceOffsets());
        }
    }

    private static List<CommitRecord> commits(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return List.of(); // created by the child: creating it here would race the child's lock
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return commits.readAll();
        }
    }

    private static List<CommitRecord> epochLog(Path checkpoint) {
        try (CommitLog log = CommitLog.openOffsetLog(checkpoint, JournalSettings.defaults())) {
            return log.readAll();
        }
    }
}
