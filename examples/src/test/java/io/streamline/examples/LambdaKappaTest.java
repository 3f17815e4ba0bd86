package io.streamline.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaKappaTest {
    @TempDir
    Path dir;

    @Test
    void shouldBuildTheSameTotalsBothWays() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LambdaKappa.Outcome outcome = LambdaKappa.run(20_000, 5_000, 50, 7, dir,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.expected()).hasSize(50);
        assertThat(outcome.expected().values().stream().mapToLong(Long::longValue).sum()).isBetween(25_000L, 25_000L * 100);
        assertThat(outcome.lambda()).isEqualTo(outcome.expected());
        assertThat(outcome.kappa()).isEqualTo(outcome.expected());
        assertThat(outcome.kappaRecomputed()).isEqualTo(outcome.expected());
        assertThat(outcome.timings()).containsOnlyKeys("Lambda batch job over the history",
                "Lambda speed layer over the new events", "Kappa pipeline over the new events",
                "Kappa recomputation: replay of the whole journal");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("agree with each other and with the events, for all 50 users");
    }

    @Test
    void shouldSeeADifferenceWhenTheViewsDiffer() {
        Map<String, Long> right = Map.of("user-1", 3L);
        LambdaKappa.Outcome wrong = new LambdaKappa.Outcome(right, Map.of("user-1", 4L), right, right, Map.of());
        assertThat(wrong.agree()).isFalse();
        assertThat(new LambdaKappa.Outcome(right, right, right, right, Map.of()).agree()).isTrue();
    }
}
