package io.streamline.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks the runner's machinery (load, windows, files), not the engine's speed: nothing here depends on
 * timing, so it passes on a loaded 2-core machine. Runs at a low rate for about two seconds per workload.
 */
class LatencyRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HGRM_TOTAL = Pattern.compile("Total count\\s*=\\s*(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldWriteParseableJsonAndHgrmForOneWorkload() throws Exception {
        Path json = dir.resolve("out/stateless.json");

        LatencyRunner.run("--mode", "continuous", "--workload", "stateless", "--rate", "10000", "--warmup", "1",
                "--seconds", "1", "--epoch-ms", "100", "--checkpoint-dir", dir.resolve("cp").toString(),
                "--json", json.toString());

        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.isObject()).isTrue();
        assertResult(result, "continuous", "stateless");
        assertThat(result.get("epochs").asLong()).isPositive();
        Path hgrm = dir.resolve("out").resolve(result.get("hgrmFile").asText());
        assertThat(hgrmTotalCount(hgrm)).isEqualTo(result.get("records").asLong());
        assertThat(hlogTotalCount(ResultFiles.hlogPath(hgrm))).as("the per-second interval log holds the same records")
                .isEqualTo(result.get("records").asLong());
        assertThat(dir.resolve("cp")).isEmptyDirectory();
    }

    @Test
    void shouldRunEveryWorkloadInBothModesInOneInvocation() throws Exception {
        Path json = dir.resolve("all.json");

        LatencyRunner.run("--mode", "both", "--workload", "all", "--rate", "10000", "--warmup", "1", "--seconds", "1",
                "--trigger-ms", "200", "--checkpoint-dir", dir.resolve("cp").toString(), "--json", json.toString());

        JsonNode results = JSON.readTree(json.toFile());
        assertThat(results.isArray()).isTrue();
        List<String> runs = List.of("raw/raw-ring", "continuous/stateless", "microbatch/stateless",
                "continuous/keyed-count", "microbatch/keyed-count");
        assertThat(results).hasSize(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            String[] run = runs.get(i).split("/");
            assertResult(results.get(i), run[0], run[1]);
            String hgrm = run[0].equals("raw") ? "all.raw-ring.hgrm" : "all." + run[0] + "." + run[1] + ".hgrm";
            assertThat(dir.resolve(hgrm)).isNotEmptyFile();
        }
        assertThat(results.get(2).get("epochMs").asLong()).as("micro-batch interval").isEqualTo(200);
    }

    @Test
    void shouldSweepRatesInAscendingOrderWritingEachStep() throws Exception {
        Path json = dir.resolve("sweep.json");

        LatencyRunner.run("--workload", "stateless", "--sweep", "4000,2000", "--p99-bound-us", "60000000",
                "--warmup", "1", "--seconds", "1", "--checkpoint-dir", dir.resolve("cp").toString(), "--json", json.toString());

        JsonNode results = JSON.readTree(json.toFile());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("rate").asLong()).isEqualTo(2000);
        assertThat(results.get(1).get("rate").asLong()).isEqualTo(4000);
        assertThat(dir.resolve("sweep-2000.continuous.stateless.hgrm")).isNotEmptyFile();
        assertThat(dir.resolve("sweep-4000.continuous.stateless.hlog")).isNotEmptyFile();
        assertThatThrownBy(() -> RunnerOptions.parse("--workload", "all", "--sweep", "1000,2000", "--seconds", "1",
                "--json", "x.json")).hasMessageContaining("--sweep runs one workload");
    }

    @Test
    void shouldRejectABadCommandLineNamingTheOption() {
        assertThatThrownBy(() -> RunnerOptions.parse("--workload", "stateless", "--rate", "0", "--seconds", "1",
                "--json", "x.json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> RunnerOptions.parse("--workload", "windowed", "--rate", "1", "--seconds", "1",
                "--json", "x.json")).hasMessageContaining("--workload").hasMessageContaining("keyed-count");
        assertThatThrownBy(() -> RunnerOptions.parse("--mode", "batchy", "--workload", "stateless", "--rate", "1",
                "--seconds", "1", "--json", "x.json")).hasMessageContaining("--mode").hasMessageContaining("microbatch");
        assertThatThrownBy(() -> RunnerOptions.parse("--workload", "stateless", "--rate", "1", "--seconds", "1",
                "--json", "x.json", "--idle", "nap")).hasMessageContaining("busy-spin");
    }

    private static void assertResult(JsonNode result, String mode, String workload) {
        assertThat(result.get("mode").asText()).isEqualTo(mode);
        assertThat(result.get("workload").asText()).isEqualTo(workload);
        assertThat(result.get("rate").asLong()).isEqualTo(10_000);
        assertThat(result.get("records").asLong()).isPositive();
        assertThat(result.get("achievedRate").asDouble()).isPositive();
        for (String field : List.of("p50Us", "p90Us", "p99Us", "p999Us", "p9999Us", "maxUs")) {
            assertThat(result.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(result.get("p50Us").asDouble()).isLessThanOrEqualTo(result.get("maxUs").asDouble());
        assertThat(result.has("epochs")).isTrue();
        assertThat(result.get("committedEpochs").asLong()).isNotNegative();
        assertThat(result.has("otherCores")).isTrue();
        assertThat(result.get("quiet").get("seconds").asInt()).isBetween(0, 1);
        assertThat(result.get("intervals")).hasSize(1);
    }

    private static long hlogTotalCount(Path hlog) throws IOException {
        long total = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                total += ((Histogram) h).getTotalCount();
            }
        }
        return total;
    }

    private static long hgrmTotalCount(Path hgrm) throws IOException {
        Matcher m = HGRM_TOTAL.matcher(Files.readString(hgrm));
        assertThat(m.find()).as("total count line in " + hgrm).isTrue();
        return Long.parseLong(m.group(1));
    }
}
