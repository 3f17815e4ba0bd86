package io.streamline.engine.disk;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TmpfsChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal, and a continuous query checkpointing to one, on a small tmpfs that fills up: the append fails with an
 * error naming the full disk, in the appending thread and before the JVM or the journal is harmed, and once space is
 * freed the journal takes appends again and the query restarts from its last complete commit. Each case runs in a
 * child JVM that sees the tmpfs (see {@link TmpfsChildJvm}).
 */
class FullDiskTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void shouldFailTheAppendOnAFullDiskKeepEveryAcknowledgedEntryAndTakeTheRetryOnceThereIsSpace() throws Exception {
        String report = runOnTmpfs(FullJournalChild.class, 6144);

        String noSpace = "io.streamline.journal.JournalWriteException: Journal append failed under %s/fs/journal:"
                + " No space left on device <- java.io.IOException: No space left on device";
        assertThat(ChildReport.value(report, FullJournalChild.FAILURE)).isEqualTo(noSpace, dir);
        assertThat(ChildReport.value(report, FullJournalChild.FAILURE_AT_ROLL)).as("when a new cycle file is due")
                .isEqualTo(noSpace, dir);
        long appended = Long.parseLong(ChildReport.value(report, FullJournalChild.APPENDED));
        assertThat(appended).as("entries appended before the disk was full").isGreaterThan(100);
        assertThat(ChildReport.value(report, FullJournalChild.RETRY)).isEqualTo("ok");
        assertThat(Long.parseLong(ChildReport.value(report, FullJournalChild.READ_BACK)))
                .as("every acknowledged entry and the retried one, and nothing else").isEqualTo(appended + 1);
        assertThat(ChildReport.value(report, FullJournalChild.DIFFERING)).isEqualTo("0");
        assertThat(ChildReport.value(report, FullJournalChild.LEFT_OVER)).isEqualTo("[]");
    }

    @Test
    void shouldFailTheQueryWithAClearErrorOnAFullDiskAndRestartFromTheLastCompleteCommit() throws Exception {
        String report = runOnTmpfs(FullDiskQueryChild.class, 8192);

        assertThat(ChildReport.value(report, FullDiskQueryChild.FAILURE))
                .contains("io.streamline.journal.JournalWriteException: Journal append failed under ")
                .contains("/fs/checkpoint/")
                .endsWith(": No space left on device <- java.io.IOException: No space left on device");
        assertThat(ChildReport.value(report, FullDiskQueryChild.RESTART_FAILURE)).isEqualTo("none");
        assertThat(ChildReport.value(report, FullDiskQueryChild.FIRST_VALUE)).as("resumes at the committed offset")
                .isEqualTo(ChildReport.value(report, FullDiskQueryChild.COMMITTED_OFFSET));
        assertThat(Long.parseLong(ChildReport.value(report, FullDiskQueryChild.ROWS))).isPositive();
        assertThat(ChildReport.value(report, FullDiskQueryChild.WRONG_COUNTS))
                .as("restored state counts every committed value exactly once").isEqualTo("0");
    }

    /** Runs {@code child} on a tmpfs of {@code sizeKiB} until it reports; fails if it dies first (a JVM crash too). */
    private String runOnTmpfs(Class<?> child, int sizeKiB) throws Exception {
        Path fs = dir.resolve("fs");
        try (TmpfsChildJvm tmpfs = TmpfsChildJvm.start(fs, sizeKiB, child, dir.resolve("child.log"), fs.toString())) {
            ChildJvm jvm = tmpfs.child();
            jvm.awaitOutput(ChildReport.DONE, DEADLINE);
            assertThat(jvm.exitValue()).as(jvm.output()).isZero();
            return jvm.output();
        }
    }
}
