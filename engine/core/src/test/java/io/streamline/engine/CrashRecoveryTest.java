package io.streamline.engine;

import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real pipeline JVM with SIGKILL at random moments and restarts it on the same checkpoint: every
 * record must reach the sink at least once, restored state must never count a record twice, and repeats
 * must come only from after the last commit before each kill.
 */
class CrashRecoveryTest {
    private static final int KILLS = 4;
    private static final String SOURCE_KEY = "0-rate/0";

    @TempDir
    Path dir;

    @Test
    void shouldRecoverExactStateAndDeliverEveryRecordAfterRepeatedKill9() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("sink.csv");
        Path log = dir.resolve("child.log");
        Random random = TestSeed.random("CrashRecoveryTest");
        List<Restart> restarts = new ArrayList<>();

        for (int run = 0; run <= KILLS; run++) {
            long linesBefore = completeLines(output).size();
            long committedBefore = committedOffset(checkpoint);
            ChildJvm child = ChildJvm.start(CrashTestPipeline.class, log, checkpoint.toString(), output.toString(), "2000");
            long target = linesBefore + 200 + random.nextInt(2500);
            // On a loaded machine the first commit of a run can lag far behind its output: wait for one, so every kill
            // lands after at least one commit of its run, at a random point of a later epoch.
            child.await("child commits an epoch and writes up to line " + target, Duration.ofSeconds(60),
                    () -> completeLines(output).size() >= target && committedOffset(checkpoint) > committedBefore);
            child.kill();

            long committed = committedOffset(checkpoint);
            restarts.add(new Restart(completeLines(output).size(), committed));
        }

        List<long[]> rows = completeLines(output).stream().map(CrashRecoveryTest::parse).toList();
        assertThat(restarts.stream().filter(r -> r.committedOffset > 0)).as("some kills came after commits").isNotEmpty();

        // State never counts a record twice, even across restores: the count of key v%10 after value v is exact.
        for (long[] row : rows) {
            assertThat(row[1]).isEqualTo(row[0] % CrashTestPipeline.KEYS);
            assertThat(row[2]).as("count after value %d", row[0]).isEqualTo(row[0] / CrashTestPipeline.KEYS + 1);
        }

        // Every value up to the last one written reached the sink at least once.
        long max = rows.stream().mapToLong(r -> r[0]).max().orElseThrow();
        Map<Long, Integer> seen = new HashMap<>();
        rows.forEach(r -> seen.merge(r[0], 1, Integer::sum));
        for (long v = 0; v <= max; v++) {
            assertThat(seen).as("value %d delivered", v).containsKey(v);
        }

        // Each restart resumed exactly at the offset of the last commit before the kill: repeats come only from
        // records after that commit, and the commit never claimed records the sink had not received.
        for (int i = 0; i < restarts.size() - 1; i++) {
            Restart r = restarts.get(i);
            long firstAfterRestart = rows.get((int) r.linesAtKill)[0];
            assertThat(firstAfterRestart).as("first value after restart %d", i).isEqualTo(r.committedOffset);
            long maxBeforeKill = rows.subList(0, (int) r.linesAtKill).stream().mapToLong(x -> x[0]).max().orElse(-1);
            assertThat(r.committedOffset).isLessThanOrEqualTo(maxBeforeKill + 1);
        }
    }

    private record Restart(long linesAtKill, long committedOffset) {
    }

    /**
     * The source offset of the last commit, 0 before the first. A child killed before it opened its commit log (a
     * new checkpoint's journals open after the query started) leaves none, and the test must not create one.
     */
    private static long committedOffset(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return 0;
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            Optional<CommitRecord> last = commits.last();
            return last.map(c -> Long.parseLong(c.sourceOffsets().get(SOURCE_KEY))).orElse(0L);
        }
    }

    private static long[] parse(String line) {
        String[] parts = line.split(",");
        return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    /** Lines that end in a newline: a line cut by a kill is not part of the output yet. */
    private static List<String> completeLines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
