package io.streamline.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micro-batch mode end to end: a real pipeline JVM is killed with SIGKILL at random moments, and also halts
 * itself in the two windows of a commit (the fault hooks): after the file sink made a batch durable but before the
 * commit record, and after the commit record but before the sink made the batch's file visible. It then restarts on
 * the same checkpoint. Update mode emits each changed key once per batch, so the committed output must show every
 * batch exactly once: no row twice, every count exact, and every key's final count committed. The test runs until
 * each window was hit at least once, the child was killed {@code -Dstreamline.crash.kills} times (default 3, the
 * full proof 30) and every key was updated a few times; the seed is printed and settable ({@link TestSeed}).
 */
class ExactlyOnceCrashTest {
    private static final int KILLS = Integer.getInteger("streamline.crash.kills", 3);
    private static final int MAX_RUNS = 3 * KILLS + 20;
    /** Enough committed values that every key was updated at least twice, so its last committed value says something. */
    private static final int MIN_ROWS = 3 * CrashTestPipeline.KEYS;

    @TempDir
    Path dir;

    @Test
    void shouldCommitEveryRecordExactlyOnceThroughKillsAndHaltsBeforeCommit() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        Path log = dir.resolve("child.log");
        long seed = TestSeed.of("ExactlyOnceCrashTest");
        Random random = new Random(seed);
        int kills = 0;
        int haltedBeforeCommitRecord = 0;
        int haltedBeforeSinkCommit = 0;

        for (int run = 0; kills < KILLS || haltedBeforeCommitRecord == 0 || haltedBeforeSinkCommit == 0
                || CommittedTallies.rows(output).size() < MIN_ROWS; run++) {
            assertThat(run).as("runs before %d kills, both commit windows hit and %d rows committed (seed %d)", KILLS, MIN_ROWS, seed)
                    .isLessThan(MAX_RUNS);
            int before = CommittedTallies.rows(output).size();
            // Runs alternate: kill -9 only, a halt before the commit record, a halt before the sink's commit.
            List<String> faults = switch (run % 3) {
                case 1 -> List.of("-Dstreamline.test.haltBeforeCommit=0.3");
                case 2 -> List.of("-Dstreamline.test.haltBeforeSinkCommit=0.3");
                default -> List.of();
            };
            ChildJvm child = ChildJvm.start(ExactlyOnceTestPipeline.class, log, faults, checkpoint.toString(), output.toString(), "2000");
            int target = before + 200 + random.nextInt(1500);
            child.await("child commits up to row " + target + " or halts", Duration.ofSeconds(60),
                    () -> !child.isAlive() || CommittedTallies.rows(output).size() >= target);
            if (child.isAlive()) {
                child.kill();
                kills++;
            } else {
                assertThat(child.exitValue()).as("only the fault hooks end a child by itself; log:%n%s", child.tail()).isIn(137, 138);
                if (child.exitValue() == 137) {
                    haltedBeforeCommitRecord++;
                } else {
                    haltedBeforeSinkCommit++;
                }
            }
        }

        List<long[]> rows = CommittedTallies.rows(output);
        Map<Long, Integer> copies = new HashMap<>();
        Map<Long, Long> lastValueByKey = new HashMap<>();
        for (long[] row : rows) {
            copies.merge(row[0], 1, Integer::sum);
            assertThat(row[1]).isEqualTo(row[0] % CrashTestPipeline.KEYS);
            // Exact state: a batch applied twice, or lost, would make this count wrong from then on.
            assertThat(row[2]).as("count after value %d", row[0]).isEqualTo(row[0] / CrashTestPipeline.KEYS + 1);
            lastValueByKey.merge(row[1], row[0], Math::max);
        }
        // A re-run batch whose output was already committed would write its rows a second time.
        copies.forEach((value, n) -> assertThat(n).as("committed copies of the row for value %d", value).isEqualTo(1));
        long max = rows.stream().mapToLong(r -> r[0]).max().orElseThrow();
        assertThat(max).isGreaterThan(2 * CrashTestPipeline.KEYS);
        // Values arrive in order, so a key whose final update was committed has its last value near the end.
        assertThat(lastValueByKey).hasSize(CrashTestPipeline.KEYS);
        lastValueByKey.forEach((key, last) -> assertThat(last).as("last committed value of key %d", key)
                .isGreaterThan(max - 2L * CrashTestPipeline.KEYS));
        System.out.println("exactly-once crash test (seed " + seed + "): " + rows.size() + " rows, " + kills + " kill -9, "
                + haltedBeforeCommitRecord
                + " runs halted before a commit record, " + haltedBeforeSinkCommit + " between a commit record and the sink's commit");
    }
}
