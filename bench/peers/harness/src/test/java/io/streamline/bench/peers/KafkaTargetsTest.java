package io.streamline.bench.peers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15's targets read off a Kafka invocation's rows, told apart by their labels; no timing involved. */
class KafkaTargetsTest {
    @Test
    void shouldCompareTheEnginesP99WithTheLowestPeersAndItsContinuousP50WithTheLowestFloor() {
        List<RunSummary> runs = List.of(
                run("floor: inline", 100_000, 900, 5_000),
                run("floor: handoff", 100_000, 400, 2_000),
                run("streamline abc, continuous, at least once", 100_000, 500, 1_500),
                run("streamline abc, continuous, exactly once", 100_000, 60_000, 110_000),
                run("streamline abc, micro-batch, exactly once", 100_000, 150_000, 300_000),
                run("Kafka Streams 4.4.0, at_least_once", 100_000, 3_000, 90_000),
                run("Flink 2.3.0, EXACTLY_ONCE", 100_000, 80_000, 200_000),
                // at another rate: not compared, though it would beat every row above
                run("Spark 3.5.8, continuous", 10_000, 1, 1));

        String md = KafkaTargets.markdown(runs, 100_000);

        assertThat(md).startsWith("Issue 15's targets at 100,000 rec/s:");
        assertThat(md).contains("the lowest peer p99: 90 ms, Kafka Streams 4.4.0, at_least_once)")
                .contains("  - streamline abc, continuous, at least once: p99 1.5 ms: met\n")
                .contains("  - streamline abc, continuous, exactly once: p99 110 ms: not met\n")
                .contains("  - streamline abc, micro-batch, exactly once: p99 300 ms: not met\n");
        assertThat(md).contains("(the lowest floor p50: 400 µs, floor: handoff)")
                .contains("  - streamline abc, continuous, at least once: p50 500 µs, 1.25x: met\n")
                .contains("  - streamline abc, continuous, exactly once: p50 60 ms, 150.00x: not met\n")
                .doesNotContain("micro-batch, exactly once: p50");
    }

    @Test
    void shouldUseTheMedianOfRepeatedRuns() {
        List<RunSummary> runs = List.of(
                run("floor: inline", 100_000, 100, 1_000),
                run("streamline abc, continuous", 100_000, 100, 900),
                run("streamline abc, continuous", 100_000, 140, 5_000),
                run("streamline abc, continuous", 100_000, 200, 800),
                run("Flink 2.3.0, AT_LEAST_ONCE", 100_000, 100, 1_000));

        String md = KafkaTargets.markdown(runs, 100_000);

        assertThat(md).contains("  - streamline abc, continuous: p99 900 µs: met\n")
                .contains("  - streamline abc, continuous: p50 140 µs, 1.40x: met\n");
    }

    @Test
    void shouldSayWhatIsMissingAtTheRate() {
        assertThat(KafkaTargets.markdown(List.of(run("Flink 2.3.0", 100_000, 1, 1)), 100_000))
                .contains("- no run of this engine at this rate");
        assertThat(KafkaTargets.markdown(List.of(run("streamline abc, continuous", 100_000, 1, 1)), 100_000))
                .contains("p99 lower than every peer's: no peer ran at this rate")
                .contains("of the floor: no floor at this rate");
    }

    private static RunSummary run(String label, long rate, double p50Us, double p99Us) {
        return new RunSummary(label, 0.5, rate, rate, rate * 10, p50Us, p99Us, p99Us, p99Us, label + ".json",
                label + ".hgrm", List.of());
    }
}
