package io.streamline.engine.parallel;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.CrashTestPipeline;
import io.streamline.engine.TestSeed;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a pipeline JVM whose keyed tally runs behind the exchange with {@code kill -9} at random moments and
 * restarts it on the same checkpoint with the other parallelism (2, 3, 2, ...): state moves between instances by
 * key group at every restart and must stay exact (no record counted twice, none lost), and every record must reach
 * the sink. {@code -Dstreamline.test.parallelKills=N} runs more kills (default 3); the seed is printed and settable.
 */
class ParallelCrashTest {
    private static final int KILLS = Integer.getInteger("streamline.test.parallelKills", 3);
    private static final int PARTITIONS = 2;

    @TempDir
    Path dir;

    @Test
    void shouldKeepExactStateWhenKilledAndRestartedWithAnotherParallelism() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("sink.csv");
        Random random = TestSeed.random("ParallelCrashTest");
        for (int run = 0; run <= KILLS; run++) {
            int parallelism = run % 2 == 0 ? 2 : 3;
            long linesBefore = completeLines(output).size();
            long committedBefore = committedEpoch(checkpoint);
            ChildJvm child = ChildJvm.start(CrashTestPipeline.class, dir.resolve("child-" + run + ".log"), checkpoint.toString(),
                    output.toString(), "2000", Integer.toString(PARTITIONS), Integer.toString(parallelism));
            child.awaitOutput("exchange by key to " + parallelism + " instances", Duration.ofSeconds(60));
            long target = linesBefore + 200 + random.nextInt(2500);
            child.await("child commits an epoch and writes up to line " + target, Duration.ofSeconds(60),
                    () -> completeLines(output).size() >= target && committedEpoch(checkpoint) > committedBefore);
            child.kill();
        }
        // The last run (parallelism 2) committed the state of two instances; an earlier one had written a third's.
        int lastParallelism = KILLS % 2 == 0 ? 2 : 3;
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            assertThat(commits.last().orElseThrow().snapshotRefs().keySet())
                    .containsExactlyInAnyOrderElementsOf(lastParallelism == 2 ? List.of("2-reduce_0", "2-reduce_1")
                            : List.of("2-reduce_0", "2-reduce_1", "2-reduce_2"));
        }
        assertThat(checkpoint.resolve("state").resolve("2-reduce_2")).as("the instance only parallelism 3 has").isDirectory();

        List<long[]> rows = completeLines(output).stream().map(ParallelCrashTest::parse).toList();
        for (long[] row : rows) {
            assertThat(row[1]).isEqualTo(row[0] % CrashTestPipeline.KEYS);
            assertThat(row[2]).as("count after value %d", row[0]).isEqualTo(row[0] / CrashTestPipeline.KEYS + 1);
        }
        // Partition p emits p, p + 2, p + 4, ...: every value of each partition up to its last written reached the sink.
        Set<Long> seen = new HashSet<>();
        rows.forEach(r -> seen.add(r[0]));
        for (int p = 0; p < PARTITIONS; p++) {
            int partition = p;
            long max = rows.stream().mapToLong(r -> r[0]).filter(v -> v % PARTITIONS == partition).max().orElseThrow();
            assertThat(max).as("partition %d got past the first restarts", p).isGreaterThan(2L * CrashTestPipeline.KEYS);
            for (long v = p; v <= max; v += PARTITIONS) {
                assertThat(seen).as("value %d delivered", v).contains(v);
            }
        }
    }

    /** The epoch of the last commit, -1 before the first (without creating a commit log the child has not). */
    private static long committedEpoch(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return -1;
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            Optional<CommitRecord> last = commits.last();
            return last.map(CommitRecord::epoch).orElse(-1L);
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
            throw new UncheckedIOException(e);
        }
    }
}
