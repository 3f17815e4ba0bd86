package io.streamline.engine.source;

import io.streamline.engine.ChildJvm;
import io.streamline.engine.TestSeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.journal.CommitLog;
import io.streamline.journal.CommitRecord;
import io.streamline.journal.JournalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a child JVM running text file source -> slow map -> file sink, at random moments, with new files
 * arriving between and during runs. Proves: no line committed before a kill is read again after it (so no
 * committed file is re-read), and after a final restart every line of every file is in the output (so no new
 * file is skipped).
 */
class FileSourceCrashTest {
    private static final int KILLS = 3;
    private static final int LINES_PER_FILE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private int nextFile;

    /** What was committed when a child was killed, and which output files existed then. */
    record Kill(long committedEpoch, int committedSeq, long committedLine, Map<String, Integer> seqOfFile,
                Set<String> partsBefore) {
        boolean committed(String line) {
            int dash = line.indexOf('-');
            Integer seq = seqOfFile.get(line.substring(0, dash) + ".txt");
            long lineNo = Long.parseLong(line.substring(dash + 1));
            return seq != null && (seq < committedSeq || seq == committedSeq && lineNo < committedLine);
        }
    }

    private void addFiles(Path in, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String name = String.format("f%03d", nextFile++);
            String text = IntStream.range(0, LINES_PER_FILE).mapToObj(j -> name + "-" + j).collect(Collectors.joining("\n", "", "\n"));
            Path staged = Files.writeString(tmp.resolve("staging-" + name), text, StandardCharsets.UTF_8);
            Files.move(staged, in.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * The last epoch in the commit log, -1 before the first. Read from the log itself: a sink's output appears
     * before the epoch's commit record, and for a new checkpoint the log is opened only after the query started.
     */
    private static long lastCommittedEpoch(Path checkpoint) {
        if (!Files.isDirectory(checkpoint.resolve(CommitLog.DIR_NAME))) {
            return -1;
        }
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            return commits.last().map(CommitRecord::epoch).orElse(-1L);
        }
    }

    private static Kill snapshot(Path checkpoint, Path out) throws IOException {
        long epoch = -1;
        int seq = 0;
        long line = 0;
        try (CommitLog commits = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            Optional<CommitRecord> last = commits.last();
            if (last.isPresent()) {
                epoch = last.get().epoch();
                String offset = last.get().sourceOffsets().entrySet().stream()
                        .filter(e -> e.getKey().endsWith("-text/0")).findFirst().orElseThrow().getValue();
                seq = Integer.parseInt(offset.substring(0, offset.indexOf(':')));
                line = Long.parseLong(offset.substring(offset.indexOf(':') + 1));
            }
        }
        Map<String, Integer> seqOfFile = new HashMap<>();
        for (byte[] entry : CrashFiles.entries(checkpoint.resolve("sources").resolve("0-text-0"))) {
            JsonNode node = JSON.readTree(entry);
            seqOfFile.put(node.get("name").asText(), node.get("seq").asInt());
        }
        return new Kill(epoch, seq, line, seqOfFile, CrashFiles.visibleParts(out));
    }

    /** The epoch in a file sink part's name, {@code part-<partition>-<epoch>.<ext>}. */
    private static long epochOf(String part) {
        String[] fields = part.split("[-.]");
        return Long.parseLong(fields[2]);
    }

    @Test
    void shouldNeitherRereadCommittedLinesNorSkipNewFilesAcrossKillNine() throws Exception {
        long seed = TestSeed.of("FileSourceCrashTest");
        Random random = new Random(seed);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path checkpoint = tmp.resolve("ckpt");
        Path out = tmp.resolve("out");
        addFiles(in, 4);
        List<Kill> kills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            ChildJvm child = ChildJvm.start(FileCrashChild.class, tmp.resolve("child-" + k + ".log"),
                    in.toString(), checkpoint.toString(), out.toString());
            child.awaitOutput(RunUntilKilled.RUNNING, Duration.ofSeconds(60));
            long before = lastCommittedEpoch(checkpoint);
            child.await("run " + k + " commits an epoch (seed " + seed + ")", Duration.ofSeconds(60), () -> {
                child.assertAlive();
                return lastCommittedEpoch(checkpoint) > before;
            });
            addFiles(in, 1); // arrives while the query runs
            Thread.sleep(random.nextInt(300));
            child.kill();
            kills.add(snapshot(checkpoint, out));
            addFiles(in, 1); // arrives while the query is down
        }

        Set<String> expected = new HashSet<>();
        for (int f = 0; f < nextFile; f++) {
            for (int j = 0; j < LINES_PER_FILE; j++) {
                expected.add(String.format("f%03d", f) + "-" + j);
            }
        }
        ChildJvm last = ChildJvm.start(FileCrashChild.class, tmp.resolve("child-final.log"),
                in.toString(), checkpoint.toString(), out.toString());
        try {
            last.await("every line delivered", Duration.ofSeconds(60), () -> {
                last.assertAlive();
                return new HashSet<>(CrashFiles.lines(out, CrashFiles.visibleParts(out))).containsAll(expected);
            });
        } catch (AssertionError timedOut) {
            // the assertion below names the lines that are missing
        }
        last.kill();

        Set<String> parts = CrashFiles.visibleParts(out);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(CrashFiles.lines(out, parts));
        assertThat(missing).as("lines of files that were skipped or lost (seed %d)", seed).isEmpty();
        for (int k = 0; k < kills.size(); k++) {
            Kill kill = kills.get(k);
            Set<String> writtenAfter = new HashSet<>(parts);
            writtenAfter.removeAll(kill.partsBefore());
            // A kill between an epoch's commit record and the sink's rename leaves that committed epoch's file to be
            // made visible by the restart's recovery: it was written before the kill, not read again after it.
            writtenAfter.removeIf(part -> epochOf(part) <= kill.committedEpoch());
            List<String> reread = CrashFiles.lines(out, writtenAfter).stream().filter(kill::committed).toList();
            assertThat(reread).as("lines committed before kill %d (at file #%d line %d) read again after it (seed %d)",
                    k, kill.committedSeq(), kill.committedLine(), seed).isEmpty();
        }
        assertThat(kills).as("some kills came after commits").anyMatch(k -> k.committedSeq() > 0 || k.committedLine() > 0);
        System.out.println("File source crash test (seed " + seed + "): committed at kills " + kills.stream()
                .map(k -> k.committedSeq() + ":" + k.committedLine()).toList() + ", " + nextFile + " files");
    }
}
