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
 * A stream-stream join survives {@code kill -9}: a child JVM runs {@link JoinCrashPipeline}, is killed at a random
 * moment (with rows of both sides buffered in its state) and restarts on the same checkpoint, several times
 * ({@code streamline.test.runs}, default 3). Both sides read every value in order, so once the committed output holds
 * the pair of value {@code m} it must hold the pair of every value up to {@code m}, each exactly once: a buffered row
 * lost in the restored state, or a replayed row joined twice, would show. Seed printed, settable with
 * {@code streamline.test.seed}.
 */
class JoinCrashTest {
    private static final int RUNS = Integer.getInteger("streamline.test.runs", 3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void everyValueIsJoinedOnceThroughKills(String mode) throws Exception {
        Random random = TestSeed.random("JoinCrashTest-" + mode);
        Path output = CrashRuns.killRepeatedly(JoinCrashPipeline.class, dir, mode, "1000", RUNS, 100, 400, random);

        List<JsonNode> rows = CrashRuns.rows(output);
        Map<Long, Integer> copies = new HashMap<>();
        long max = -1;
        for (JsonNode row : rows) {
            long left = row.get("left").get("value").asLong();
            assertThat(row.get("right").get("value").asLong()).as("the right row joined with %d", left).isEqualTo(left);
            copies.merge(left, 1, Integer::sum);
            max = Math.max(max, left);
        }
        copies.forEach((value, n) -> assertThat(n).as("committed pairs of value %d", value).isEqualTo(1));
        for (long v = 0; v <= max; v++) {
            assertThat(copies).as("value %d joined", v).containsKey(v);
        }
        assertThat(max).isGreaterThan(RUNS * 100L);
        System.out.println("join crash test (" + mode + "): " + rows.size() + " joined rows over " + RUNS + " kills");
    }
}
