package io.streamline.operators.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamline.engine.TestSeed;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A windowed aggregation in append mode survives {@code kill -9}: a child JVM runs {@link WindowCrashPipeline}, is
 * killed at a random moment while windows are open in its state, and restarts on the same checkpoint, several times
 * ({@code streamline.test.runs}, default 3). The committed output must hold every window of every key exactly
 * once, up to the last one, each with its exact count: a window lost from restored state, counted twice after a
 * replay, or emitted twice would show. Seed printed, settable with {@code streamline.test.seed}.
 */
class WindowCrashTest {
    private static final int RUNS = Integer.getInteger("streamline.test.runs", 3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void everyWindowIsCommittedOnceWithItsExactCountThroughKills(String mode) throws Exception {
        Random random = TestSeed.random("WindowCrashTest-" + mode);
        Path output = CrashRuns.killRepeatedly(WindowCrashPipeline.class, dir, mode, "2000", RUNS, WindowCrashPipeline.KEYS * 2, WindowCrashPipeline.KEYS * 20, random);

        List<JsonNode> rows = CrashRuns.rows(output);
        Map<String, Integer> copies = new HashMap<>();
        long lastWindowStart = -1;
        for (JsonNode row : rows) {
            String window = row.get("key").get("key").asLong() + "@" + row.get("key").get("start").asLong();
            copies.merge(window, 1, Integer::sum);
            assertThat(row.get("value").asLong()).as("count of %s", window).isEqualTo(100 / WindowCrashPipeline.KEYS);
            assertThat(row.get("key").get("end").asLong() - row.get("key").get("start").asLong()).isEqualTo(1_000);
            lastWindowStart = Math.max(lastWindowStart, row.get("key").get("start").asLong());
        }
        copies.forEach((window, n) -> assertThat(n).as("committed copies of window %s", window).isEqualTo(1));
        for (long start = 0; start < lastWindowStart; start += 1_000) {
            for (int key = 0; key < WindowCrashPipeline.KEYS; key++) {
                assertThat(copies).as("window of key %d at %d committed", key, start).containsKey(key + "@" + start);
            }
        }
        assertThat(lastWindowStart).as("windows closed after several restarts").isGreaterThan(RUNS * 1_000L);
        System.out.println("window crash test (" + mode + "): " + rows.size() + " window rows over " + RUNS + " kills");
    }
}
