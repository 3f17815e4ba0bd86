package io.streamline.operators.dstream.crash;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Driver recovery of the DStream API through {@code kill -9}: {@link DStreamCrashChild} (a word count with
 * {@code updateStateByKey} and an inverse {@code reduceByKeyAndWindow}, one input file per batch) runs in a child
 * JVM that is killed at random moments (at least {@code streamline.test.runs} kills, default 4, and until one fell
 * inside a batch, between its offset-log entry and its commit; seed printed, settable with {@code streamline.test.seed})
 * and restarted with {@code getOrCreate} on the same checkpoint. Every batch it ever
 * saved, before and after the kills, must be what a run without crashes saves, worked out here from the input files:
 * batch after batch without a gap, each batch's totals are the previous ones plus exactly the next file (or nothing,
 * when the source had not listed it yet), its window the files of the last three batches, and the last totals those
 * of the whole input; a batch lost, run twice, or computed from wrongly restored state would break one of these.
 */
class DStreamCrashTest {
    private static final int RUNS = Integer.getInteger("streamline.test.runs", 4);
    private static final int MAX_RUNS = 30;
    private static final int FILES = Integer.getInteger("streamline.test.dstreamFiles", 40);
    private static final String[] WORDS = {"apple", "banana", "cherry", "date", "elder", "fig", "grape", "honey"};
    private static final Pattern PAIR = Pattern.compile("\\((.*),(-?\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void shouldResumeWithStateAndRunEveryBatchExactlyOnceThroughKills() throws Exception {
        Random random = TestSeed.random("DStreamCrashTest");
        Path input = Files.createDirectories(dir.resolve("in"));
        Path output = dir.resolve("out");
        Path checkpoint = dir.resolve("checkpoint");
        Path log = dir.resolve("child.log");
        List<Map<String, Integer>> files = writeInput(random, input);

        Map<String, Integer> whole = sum(files, 0, FILES);
        int killsWithUncommittedBatch = 0;
        int kills = 0;
        for (int run = 0; ; run++) {
            // Kill at least RUNS times, and until a kill fell inside a batch (planned in the offset log, not committed).
            boolean last = run >= RUNS && killsWithUncommittedBatch > 0;
            assertThat(run).as("runs before a kill hit an uncommitted batch").isLessThan(MAX_RUNS);
            int target = batchDirectories(output, "totals").size() + 1 + random.nextInt(8);
            try (ChildJvm child = ChildJvm.start(DStreamCrashChild.class, log, checkpoint.toString(), input.toString(), output.toString())) {
                if (!last) {
                    child.await("the child saves batch " + target, Duration.ofSeconds(90), () -> {
                        child.assertAlive();
                        return batchDirectories(output, "totals").size() >= target;
                    });
                } else {
                    child.await("the child counts the whole input and its window empties", Duration.ofSeconds(90), () -> {
                        child.assertAlive();
                        TreeMap<Long, Map<String, Integer>> windows = batchDirectories(output, "window");
                        return !windows.isEmpty() && windows.lastEntry().getValue().isEmpty()
                                && whole.equals(batchDirectories(output, "totals").get(windows.lastKey()));
                    });
                }
                child.kill();
            }
            if (last) {
                break;
            }
            kills++;
            if (plannedNotCommitted(checkpoint)) {
                killsWithUncommittedBatch++;
            }
        }
        System.out.println("DStreamCrashTest: " + kills + " kills, " + killsWithUncommittedBatch + " inside a batch");

        String childOutput = Files.readString(log);
        assertThat(count(childOutput, "recovered=false")).as("the first run starts a new checkpoint").isEqualTo(1);
        assertThat(count(childOutput, "recovered=true")).as("every restart resumes it").isEqualTo(kills);

        TreeMap<Long, Map<String, Integer>> totals = batchDirectories(output, "totals");
        TreeMap<Long, Map<String, Integer>> windows = batchDirectories(output, "window");
        if (totals.size() == windows.size() + 1) {
            // The last kill fell between the batch's two saves (totals first): it never committed, a next start re-runs it.
            totals.pollLastEntry();
        }
        assertThat(windows.keySet()).containsExactlyElementsOf(totals.keySet());
        List<Long> times = new ArrayList<>(totals.keySet());
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("no batch missing after %d ms", times.get(i - 1))
                    .isEqualTo(DStreamCrashChild.BATCH.toMillis());
        }
        // Each batch takes at most one file (maxFilesPerTrigger=1), the next in name order, or none if the source had not
        // listed it yet: its totals are the previous batch's plus exactly that file, and its window the files of the
        // last three batches. Replayed, lost or twice-applied input, or state not restored exactly, would break this.
        List<Map<String, Integer>> taken = new ArrayList<>();
        Map<String, Integer> previous = Map.of();
        int nextFile = 0;
        for (int batch = 1; batch <= times.size(); batch++) {
            long time = times.get(batch - 1);
            Map<String, Integer> delta = difference(totals.get(time), previous);
            if (!delta.isEmpty()) {
                assertThat(nextFile).as("batch %d (%d ms) took input after the last file", batch, time).isLessThan(FILES);
                assertThat(delta).as("batch %d (%d ms) took exactly file %d", batch, time, nextFile).isEqualTo(files.get(nextFile));
                nextFile++;
            }
            taken.add(delta);
            assertThat(windows.get(time)).as("window of batch %d (%d ms)", batch, time)
                    .isEqualTo(sum(taken, batch - DStreamCrashChild.WINDOW_BATCHES, batch));
            previous = totals.get(time);
        }
        assertThat(nextFile).as("every file was taken").isEqualTo(FILES);
        assertThat(totals.lastEntry().getValue()).as("the last totals are the whole input's").isEqualTo(whole);
    }

    /** FILES files of 1-4 lines of 1-6 words each, named in batch order; returns each file's word counts. */
    private static List<Map<String, Integer>> writeInput(Random random, Path input) throws IOException {
        Path staging = Files.createDirectories(input.resolveSibling("staging"));
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            Map<String, Integer> fileCounts = new HashMap<>();
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                int words = 1 + random.nextInt(6);
                for (int w = 0; w < words; w++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    text.append(w == 0 ? "" : " ").append(word);
                    fileCounts.merge(word, 1, Integer::sum);
                }
                text.append('\n');
            }
            Path file = staging.resolve(String.format("f%04d.txt", f));
            Files.writeString(file, text);
            Files.move(file, input.resolve(file.getFileName()));
            counts.add(fileCounts);
        }
        return counts;
    }

    /** The word counts of {@code counts[from .. to)}, without zeros. */
    private static Map<String, Integer> sum(List<Map<String, Integer>> counts, int from, int to) {
        Map<String, Integer> total = new HashMap<>();
        for (int f = Math.max(0, from); f < Math.min(to, counts.size()); f++) {
            counts.get(f).forEach((word, n) -> total.merge(word, n, Integer::sum));
        }
        return total;
    }

    /** What {@code later} counts beyond {@code earlier}; fails if a count went down (totals only grow). */
    private static Map<String, Integer> difference(Map<String, Integer> later, Map<String, Integer> earlier) {
        Map<String, Integer> delta = new HashMap<>();
        earlier.forEach((word, n) -> assertThat(later.getOrDefault(word, 0)).as("total of %s", word).isGreaterThanOrEqualTo(n));
        later.forEach((word, n) -> {
            int d = n - earlier.getOrDefault(word, 0);
            if (d != 0) {
                delta.put(word, d);
            }
        });
        return delta;
    }

    /** The saved batches {@code output/name-TIME}, by time, each parsed back into word counts. */
    private static TreeMap<Long, Map<String, Integer>> batchDirectories(Path output, String name) {
        TreeMap<Long, Map<String, Integer>> batches = new TreeMap<>();
        if (!Files.isDirectory(output)) {
            return batches;
        }
        try (Stream<Path> dirs = Files.list(output)) {
            for (Path d : dirs.toList()) {
                String file = d.getFileName().toString();
                if (file.startsWith(name + "-")) {
                    Map<String, Integer> counts = new HashMap<>();
                    for (String line : Files.readAllLines(d.resolve("part-00000"))) {
                        Matcher m = PAIR.matcher(line);
                        assertThat(m.matches()).as("line %s of %s", line, d).isTrue();
                        assertThat(counts.put(m.group(1), Integer.parseInt(m.group(2)))).as("%s once in %s", m.group(1), d).isNull();
                    }
                    batches.put(Long.parseLong(file.substring(name.length() + 1)), counts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batches;
    }

    /** Whether the offset log holds a batch the commit log does not: the kill fell between planning and commit. */
    private static boolean plannedNotCommitted(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.OFFSETS_DIR_NAME))) {
            return false;
        }
        try (CommitLog offsets = CommitLog.openOffsetLog(checkpoint, JournalSettings.defaults());
             CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            long planned = offsets.last().map(CommitRecord::epoch).orElse(-1L);
            long committed = commits.last().map(CommitRecord::epoch).orElse(-1L);
            return planned > committed;
        }
    }

    private static int count(String text, String marker) {
        int n = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }
}
