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
 * {@code dropDuplicatesWithinWatermark} survives {@code kill -9}: a child JVM runs {@link DedupCrashPipeline}, is
 * killed at a random moment and restarts on the same checkpoint, several times ({@code streamline.test.runs}, default
 * 3). A key whose first value was committed before a kill has its later values replayed after it, and the restored
 * state must still drop them; the committed output must hold every key up to the last exactly once, with its first
 * value. Seed printed, settable with {@code streamline.test.seed}.
 */
class DedupCrashTest {
    private static final int RUNS = Integer.getInteger("streamline.test.runs", 3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void everyKeyIsCommittedOnceWithItsFirstValueThroughKills(String mode) throws Exception {
        Random random = TestSeed.random("DedupCrashTest-" + mode);
        Path output = CrashRuns.killRepeatedly(DedupCrashPipeline.class, dir, mode, "1500", RUNS, 100, 400, random);

        List<JsonNode> rows = CrashRuns.rows(output);
        Map<Long, Integer> copies = new HashMap<>();
        long maxKey = -1;
        for (JsonNode row : rows) {
            long value = row.get("value").asLong();
            assertThat(value % 3).as("the first of the three values of key %d", value / 3).isZero();
            copies.merge(value / 3, 1, Integer::sum);
            maxKey = Math.max(maxKey, value / 3);
        }
        copies.forEach((key, n) -> assertThat(n).as("committed rows of key %d", key).isEqualTo(1));
        for (long key = 0; key <= maxKey; key++) {
            assertThat(copies).as("key %d committed", key).containsKey(key);
        }
        assertThat(maxKey).isGreaterThan(RUNS * 100L);
        System.out.println("dedup crash test (" + mode + "): " + rows.size() + " keys over " + RUNS + " kills");
    }
}
