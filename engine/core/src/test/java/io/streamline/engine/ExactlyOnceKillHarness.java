package io.streamline.engine;

import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continuous exactly-once crash harness: starts a pipeline in a child JVM on one checkpoint again and again, kills
 * it with SIGKILL at random moments (a random number of output rows, then a random part of an epoch), and on every
 * third run lets it halt itself in a commit window instead (after an epoch's boundaries were logged and its output made
 * durable but before its commit record; after the commit record, before the sink's commit). The pipeline's output is
 * {@code value, key, count} rows of a keyed running count over the numbers 0, 1, 2, ... ({@link #check}). Kills per
 * case: {@code -Dstreamline.crash.kills} (default {@value #DEFAULT_KILLS}); the seed is logged and settable
 * ({@link TestSeed}).
 */
public final class ExactlyOnceKillHarness {
    /** The short pass run by default; the full proof sets {@code -Dstreamline.crash.kills=30}. */
    public static final int DEFAULT_KILLS = 4;
    /** Kill -9 per case. */
    public static final int KILLS = Integer.getInteger("streamline.crash.kills", DEFAULT_KILLS);

    private final String name;
    private final Path dir;
    private final Path checkpoint;
    private final Class<?> pipeline;
    private final List<String> args;
    private final Supplier<List<long[]>> output;

    /**
     * @param name     names the case in the seed's and the summary's lines
     * @param dir      where the child's log goes
     * @param pipeline the child's main class
     * @param args     its arguments
     * @param output   reads what the pipeline has made durable so far, in output order
     */
    public ExactlyOnceKillHarness(String name, Path dir, Path checkpoint, Class<?> pipeline, List<String> args,
                                  Supplier<List<long[]>> output) {
        this.name = name;
        this.dir = dir;
        this.checkpoint = checkpoint;
        this.pipeline = pipeline;
        this.args = List.copyOf(args);
        this.output = output;
    }

    /** What the kill loop did. */
    public record Outcome(long seed, int kills, int haltsBeforeCommit, int haltsBeforeSinkCommit, int restartsWithLoggedEpochs) {
        /** One line for the test's output. */
        public String summary() {
            return "seed " + seed + ", " + kills + " kill -9, " + haltsBeforeCommit + " halts before a commit record, "
                    + haltsBeforeSinkCommit + " between a commit record and the sink's commit, " + restartsWithLoggedEpochs
                    + " restarts replayed logged epochs";
        }
    }

    /**
     * Runs the child until it was killed {@link #KILLS} times and halted at least once before a commit record, and
     * asserts that some restart had logged epochs to replay.
     */
    public Outcome killRepeatedly() throws Exception {
        return killRepeatedly(() -> {
        });
    }

    /**
     * {@link #killRepeatedly()}, calling {@code afterEachRun} once each run has ended, before the next starts: where a
     * test looks at what a crash left behind (to assert that its windows were hit).
     */
    public Outcome killRepeatedly(Runnable afterEachRun) throws Exception {
        long seed = TestSeed.of("ExactlyOnceKillHarness." + name);
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
            int before = output.get().size();
            ChildJvm child = ChildJvm.start(pipeline, log, faults, args.toArray(String[]::new));
            int target = before + 1 + random.nextInt(3_000);
            child.await("child outputs " + target + " rows or halts", Duration.ofSeconds(90),
                    () -> !child.isAlive() || output.get().size() >= target);
            if (child.isAlive()) {
                Thread.sleep(random.nextInt(200)); // the kill's moment: anywhere within an epoch, not just after a commit
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
            if (hasLoggedEpochsAfterLastCommit()) {
                withLoggedEpochs++;
            }
            afterEachRun.run();
        }
        // A halt before a commit record leaves logged epochs the next run must replay.
        assertThat(withLoggedEpochs).as("restarts that had logged epochs to replay").isPositive();
        return new Outcome(seed, kills, haltsBeforeCommit, haltsBeforeSinkCommit, withLoggedEpochs);
    }

    /** One more run, until the output holds {@code rows} rows, then a kill. */
    public void runUntil(long rows) throws Exception {
        ChildJvm last = ChildJvm.start(pipeline, dir.resolve(name + "-last.log"), args.toArray(String[]::new));
        last.await("the last run outputs all " + rows + " rows", Duration.ofSeconds(120),
                () -> output.get().size() >= rows || !last.isAlive());
        last.assertAlive();
        last.kill();
    }

    /**
     * Checks output rows {@code value, key, count}: each value at most once, its count exact ({@code value / KEYS + 1}:
     * no input counted twice or lost before it), every key's counts increasing in output order.
     *
     * @return the largest value
     */
    public static long check(List<long[]> rows) {
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
        List<Long> duplicated = new ArrayList<>();
        copies.forEach((value, n) -> {
            if (n > 1) {
                duplicated.add(value);
            }
        });
        assertThat(duplicated).as("values output more than once").isEmpty();
        return max;
    }

    private boolean hasLoggedEpochsAfterLastCommit() {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.OFFSETS_DIR_NAME)) || !Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
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

    /** Writes files of numbered lines (0, 1, 2, ...) into a directory, one every 250 ms, moved in whole. */
    public static final class NumberFiles implements AutoCloseable {
        private static final int LINES_PER_FILE = 250;
        private final Path input;
        private final AtomicLong fed = new AtomicLong();
        private final AtomicBoolean feeding = new AtomicBoolean(true);
        private final Thread feeder;

        /** Starts feeding {@code input} (created if missing). */
        public NumberFiles(Path input) throws IOException {
            this.input = Files.createDirectories(input);
            this.feeder = new Thread(this::feed, "number-files");
            feeder.start();
        }

        private void feed() {
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
                    Thread.sleep(250); // the feeding rate, about 1,000 lines a second: what one kill loses track of stays small
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops feeding and returns how many lines were written. */
        public long stop() throws InterruptedException {
            feeding.set(false);
            feeder.join();
            return fed.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
