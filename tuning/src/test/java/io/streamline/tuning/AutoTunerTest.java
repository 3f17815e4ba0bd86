package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.tuning.console.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tuner's machinery, without judging any timing: it measures every candidate and writes a loadable profile. */
class AutoTunerTest {
    @TempDir
    Path dir;

    @Test
    void shouldMeasureEachCandidateAndWriteAProfileTheEngineLoads() throws Exception {
        AutoTuner tuner = new AutoTuner(2000, Duration.ZERO, Duration.ofSeconds(1));
        List<TuningCandidate> candidates = List.of(new TuningCandidate(Preset.BALANCED, 1024, 1),
                new TuningCandidate(Preset.LOW_CPU, 4096, 2));
        List<String> printed = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        List<TuningResult> results = tuner.runAll(candidates, r -> printed.add(r.row()), printed::add, statuses::add);

        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.latency().count()).as("records measured").isPositive();
            assertThat(r.cpuCores()).isPositive();
        });
        assertThat(printed.get(0)).contains("p99.9 us").contains("cores");
        assertThat(printed).anyMatch(line -> line.startsWith("low-cpu, ring 4096, 3 threads"));
        assertThat(statuses).anyMatch(s -> s.task().startsWith("candidate 2/2 low-cpu") && s.task().endsWith("measured"));
        assertThat(statuses).allMatch(s -> s.total().equals(Duration.ofSeconds(1)));

        Path file = dir.resolve("tuned.properties");
        TuningResult best = tuner.best(results);
        best.candidate().profile().save(file, "test");
        StreamEngine engine = StreamEngine.builder().apply(TunedProfile.load(file)).build();
        assertThat(engine.config().ringSize()).isEqualTo(best.candidate().ringSize());
        assertThat(engine.config().profile()).contains(best.candidate().toString());
    }

    @Test
    void shouldTryEveryPresetRingSizeAndThreadCount() {
        assertThat(AutoTuner.candidates()).hasSize(Preset.values().length * 2 * 2);
    }
}
