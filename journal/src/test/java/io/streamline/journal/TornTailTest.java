package io.streamline.journal;

import static io.streamline.journal.CommitLogTest.commit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornTailTest {

    private static final int COMPLETE_COMMITS = 5;
    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(60);
    /** Recovery timeout is 500 ms; generous for a loaded machine, yet far below what the engine would notice. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    @Test
    void shouldIgnoreTornCommitAndAppendAfterChildJvmHaltedMidWrite() throws Exception {
        Path checkpoint = tmp.resolve("checkpoint");
        runTornWriter(checkpoint);

        assertRecoversFromTornTail(checkpoint);
    }

    @Test
    void shouldRecoverWhenRestartedProcessHasTheDeadProcessPid() throws Exception {
        Path checkpoint = tmp.resolve("checkpoint");
        runTornWriter(checkpoint);
        // What a restart in a fresh container looks like: the lock names the PID this process now has.
        try (SingleChronicleQueue queue = RawQueues.open(checkpoint.resolve(CommitLog.DIR_NAME));
             LongValue lock = queue.metaStore().acquireValueFor(StaleWriteLock.LOCK_KEY)) {
            lock.setVolatileValue(Jvm.getProcessId());
        }

        assertRecoversFromTornTail(checkpoint);
    }

    private static void assertRecoversFromTornTail(Path checkpoint) {
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            assertThat(log.last()).hasValue(commit(COMPLETE_COMMITS));
            assertThat(log.readAll()).hasSize(COMPLETE_COMMITS).last().isEqualTo(commit(COMPLETE_COMMITS));

            long start = System.nanoTime();
            log.append(commit(COMPLETE_COMMITS + 1));
            Duration recovery = Duration.ofNanos(System.nanoTime() - start);

            assertThat(recovery).isLessThan(RECOVERY_BOUND);
            assertThat(log.last()).hasValue(commit(COMPLETE_COMMITS + 1));
        }
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            List<CommitRecord> all = log.readAll();
            assertThat(all).hasSize(COMPLETE_COMMITS + 1);
            assertThat(all.get(COMPLETE_COMMITS)).isEqualTo(commit(COMPLETE_COMMITS + 1));
            log.append(commit(COMPLETE_COMMITS + 2));
            assertThat(log.last()).hasValue(commit(COMPLETE_COMMITS + 2));
        }
    }

    private void runTornWriter(Path checkpoint) throws Exception {
        String flags = System.getProperty("streamline.module.flags");
        assertThat(flags).as("system property streamline.module.flags (set by Surefire)").isNotNull();
        File output = tmp.resolve("child.log").toFile();
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + flags,
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                TornCommitWriter.class.getName(),
                checkpoint.toString(),
                Integer.toString(COMPLETE_COMMITS))
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
        boolean exited = child.waitFor(CHILD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String log = Files.readString(output.toPath());
        assertThat(exited).as("child exited within %s; output:%n%s", CHILD_DEADLINE, log).isTrue();
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains(TornCommitWriter.TORN_MARKER);
    }
}
