package io.streamline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.sink.FileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micro-batch mode end to end: a real pipeline JVM is killed with SIGKILL at random moments, and also halts
 * itself between the sinks' commit of a batch and its commit record (the fault hook), then restarts on the
 * same checkpoint. Update mode emits each changed key once per batch, so the committed output must show
 * every batch exactly once: no row twice, every count exact, and every key's final count committed.
 */
class ExactlyOnceCrashTest {
    private static final int RUNS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldCommitEveryRecordExactlyOnceThroughKillsAndHaltsBeforeCommit() throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        Path output = dir.resolve("out");
        Path log = dir.resolve("child.log");
        Random random = TestSeed.random("ExactlyOnceCrashTest");
        int halted = 0;

        for (int run = 0; run < RUNS; run++) {
            int before = committedRows(output).size();
            // Every other run may halt itself right before a commit record, the window exactly-once must survive.
            List<String> faults = run % 2 == 0 ? List.of("-Dstreamline.test.haltBeforeCommit=0.3") : List.of();
            ChildJvm child = ChildJvm.start(ExactlyOnceTestPipeline.class, log, faults, checkpoint.toString(), output.toString(), "2000");
            int target = before + 200 + random.nextInt(1500);
            child.await("child commits up to row " + target + " or halts", Duration.ofSeconds(60),
                    () -> !child.isAlive() || committedRows(output).size() >= target);
            if (child.isAlive()) {
                child.kill();
            } else {
                assertThat(child.exitValue()).as("only the fault hook ends a child by itself; log:%n%s", child.tail()).isEqualTo(137);
                halted++;
            }
        }

        List<long[]> rows = committedRows(output);
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
        System.out.println("exactly-once crash test: " + rows.size() + " rows, " + halted + " runs halted before a commit record");
    }

    /** The sink's committed output, read through its metadata log: {@code value, key, count} per row. */
    private static List<long[]> committedRows(Path output) {
        try {
            return FileSink.committedLines(output).stream().map(ExactlyOnceCrashTest::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] parse(String line) {
        try {
            JsonNode row = JSON.readTree(line);
            return new long[]{row.get("value").get("lastValue").asLong(), row.get("key").asLong(), row.get("value").get("count").asLong()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
