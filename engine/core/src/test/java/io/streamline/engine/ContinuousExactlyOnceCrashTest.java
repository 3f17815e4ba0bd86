package io.streamline.engine;

import io.streamline.engine.sink.FileSink;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous mode's exactly-once output, end to end: a real pipeline JVM (source -> keyed running count -> JSON file
 * sink, 100 ms epochs, {@link ContinuousExactlyOnceChild}) is killed with SIGKILL at random moments and restarted on
 * its checkpoint; every third run instead halts itself in a commit window (after an epoch's boundaries were logged and
 * its output made durable, before its commit record; or after the commit record, before the sink's commit). The
 * committed output must hold every input number exactly once (0 lost, 0 duplicated), with its exact running count,
 * every key's counts increasing in commit order, and no file in the output directory its metadata log does not list.
 * Kills per case: {@code -Dstreamline.crash.kills} (default {@value #DEFAULT_KILLS}); the seed is logged and
 * settable ({@link TestSeed}). The test asserts that the replay of logged epochs was exercised.
 */
class ContinuousExactlyOnceCrashTest {
    private static final int DEFAULT_KILLS = 4;
    private static final int KILLS = Integer.getInteger("streamline.crash.kills", DEFAULT_KILLS);
    private static final int LINES_PER_FILE = 250;

    @TempDir
    Path dir;

    @Test
    void rateSourceToKeyedCountToFileSinkShouldCommitEveryRowExactlyOnceThroughKills() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        Outcome outcome = killRepeatedly("rate", checkpoint, output, "rate:5000");

        List<long[]> rows = CommittedTallies.rows(output);
        long max = checkExactlyOnce(rows);
        assertThat(rows).as("every number up to the largest committed one, once").hasSize((int) max + 1);
        report("rate", outcome, rows.size());
    }

    @Test
    void fileSourceToKeyedCountToFileSinkShouldCommitEveryLineExactlyOnceThroughKills() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        Path input = Files.createDirectories(dir.resolve("in"));
        AtomicLong fed = new AtomicLong();
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread feeder = new Thread(() -> feed(input, fed, feeding), "feeder");
        feeder.start();
        Outcome outcome;
        try {
            outcome = killRepeatedly("file", checkpoint, output, "text:" + input);
        } finally {
            feeding.set(false);
            feeder.join();
        }
        // A last run reads everything that was fed.
        ChildJvm last = ChildJvm.start(ContinuousExactlyOnceChild.class, dir.resolve("last.log"), checkpoint.toString(),
                output.toString(), "text:" + input);
        last.await("the last run commits all " + fed.get() + " lines", Duration.ofSeconds(120),
                () -> CommittedTallies.rows(output).size() >= fed.get() || !last.isAlive());
        last.assertAlive();
        last.kill();

        List<long[]> rows = CommittedTallies.rows(output);
        long max = checkExactlyOnce(rows);
        assertThat(max).isEqualTo(fed.get() - 1);
        assertThat(rows).as("every line fed, once").hasSize((int) fed.get());
        report("file", outcome, rows.size());
    }

    /** What the kill loop saw. */
    private record Outcome(int kills, int haltsBeforeCommit, int haltsBeforeSinkCommit, int restartsWithLoggedEpochs,
                           long seed) {
    }

    private Outcome killRepeatedly(String name, Path checkpoint, Path output, String source)
            throws Exception {
        long seed = TestSeed.of("ContinuousExactlyOnceCrashTest." + name);
        Random random = new Random(seed);
        Path log = dir.resolve(name + "-child.log");
        int kills = 0;
        int haltsBeforeCommit = 0;
        int haltsBeforeSinkCommit = 0;
        int withLoggedEpochs = 0;
        for (int run = 0; kills < KILLS || haltsBeforeCommit == 0; run++) {
            assertThat(run).as("runs before %d kills and a halt before a commit record", KILLS).isLessThan(3 * KILLS + 20);
            List<String> faults = switch (run % 3) {
                case 1 -> List.of("-Dstreamline.test.haltBeforeCommit=0.2");
                case 2 -> List.of("-Dstreamline.test.haltBeforeSinkCommit=0.2");
                default -> List.of();
            };
            int before = CommittedTallies.rows(output).size();
            ChildJvm child = ChildJvm.start(ContinuousExactlyOnceChild.class, log, faults, checkpoint.toString(),
                    output.toString(), source);
            int target = before + 1 + random.nextInt(3_000);
            child.await("child commits " + target + " rows or halts", Duration.ofSeconds(90),
                    () -> !child.isAlive() || CommittedTallies.rows(output).size() >= target);
            if (child.isAlive()) {
                Thread.sleep(random.nextInt(200)); // a random moment within an epoch, not just after a commit
                child.kill();
                kills++;
            } else {
                int exit = child.exitValue();
                assertThat(exit).as("only the fault hooks end a child by itself; log:%n%s", child.tail()).isIn(137, 138);
                if (exit == 137) {
                    haltsBeforeCommit++;
                } else {
                    haltsBeforeSinkCommit++;
                }
            }
            if (hasLoggedEpochsAfterLastCommit(checkpoint)) {
                withLoggedEpochs++;
            }
        }
        // The halts before a commit record leave logged epochs the next run must replay.
        assertThat(withLoggedEpochs).as("restarts that had logged epochs to replay").isPositive();
        return new Outcome(kills, haltsBeforeCommit, haltsBeforeSinkCommit, withLoggedEpochs, seed);
    }

    /**
     * Each committed row is {value, key, count}: each value once, its count exact, every key's counts increasing in
     * commit order, and no unlisted file in the output directory.
     *
     * @return the largest value committed
     */
    private static long checkExactlyOnce(List<long[]> rows) {
        Map<Long, Integer> copies = new HashMap<>();
        Map<Long, Long> lastCountByKey = new HashMap<>();
        long max = -1;
        for (long[] row : rows) {
            copies.merge(row[0], 1, Integer::sum);
            assertThat(row[1]).isEqualTo(row[0] % CrashTestPipeline.KEYS);
            assertThat(row[2]).as("count after value %d", row[0]).isEqualTo(row[0] / CrashTestPipeline.KEYS + 1);
            Long previous = lastCountByKey.put(row[1], row[2]);
            assertThat(previous == null || previous < row[2]).as("count of key %d went from %s to %d", row[1], previous, row[2])
                    .isTrue();
            max = Math.max(max, row[0]);
        }
        copies.forEach((value, n) -> assertThat(n).as("committed copies of value %d", value).isEqualTo(1));
        return max;
    }

    private void report(String name, Outcome outcome, int rows) throws IOException {
        Path out = dir.resolve("out");
        List<String> listed = FileSink.committedFiles(out);
        try (Stream<Path> files = Files.list(out)) {
            List<String> unlisted = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("part-") && !listed.contains(n)).toList();
            assertThat(unlisted).as("part files the metadata log does not list").isEmpty();
        }
        assertThat(out.resolve(FileSink.ORPHANS)).as("nothing was ever orphaned").doesNotExist();
        System.out.printf("continuous exactly-once crash test (%s source): seed %d, %d kill -9, %d halts before a commit record,"
                        + " %d between a commit record and the sink's commit, %d restarts replayed logged epochs; %d rows"
                        + " committed, 0 lost, 0 duplicated, counts never decreased, no unlisted file%n", name, outcome.seed(),
                outcome.kills(), outcome.haltsBeforeCommit(), outcome.haltsBeforeSinkCommit(),
                outcome.restartsWithLoggedEpochs(), rows);
    }

    /** Writes numbered lines into {@code input}, one file at a time, moved in whole, until told to stop. */
    private static void feed(Path input, AtomicLong fed, AtomicBoolean feeding) {
        try {
            for (int file = 0; feeding.get(); file++) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < LINES_PER_FILE; i++) {
                    lines.append(fed.get() + i).append('\n');
                }
                Path temp = input.getParent().resolve(String.format("in-%06d.txt", file));
                Files.writeString(temp, lines, StandardCharsets.UTF_8);
                Files.move(temp, input.resolve(temp.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                fed.addAndGet(LINES_PER_FILE);
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasLoggedEpochsAfterLastCommit(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.OFFSETS_DIR_NAME))
                || !Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return false;
        }
        long lastCommitted;
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            lastCommitted = commits.last().map(CommitRecord::epoch).orElse(-1L);
        }
        try (CommitLog epochs = CommitLog.openOffsetLog(checkpoint, JournalSettings.defaults())) {
            return epochs.last().map(CommitRecord::epoch).orElse(-1L) > lastCommitted;
        }
    }
}
