package io.streamline.bench;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** A step line of a {@code .hgrm} file: value, percentile (a fraction), total count, ... */
    private static final Pattern HGRM_STEP = Pattern.compile("\\s*([0-9.]+)\\s+([0-9.]+)\\s+\\d+.*");

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
        List<Element> lines = plotLines(dir.resolve("out/stateless.svg"),
                List.of("continuous stateless at 10,000 rec/s (100 ms epochs)"));
        assertThat(lines.get(0).getAttribute("points").trim().split("\\s+"))
                .as("one vertex per step of the run's .hgrm but the last (100%)").hasSize(finiteHgrmSteps(hgrm));
    }

    @Test
    void shouldRunTheScoringWorkloadsBesideTheStatelessPipeline() throws Exception {
        Path json = dir.resolve("scoring.json");
        runPrinting("--workload", "scoring", "--rate", "10000", "--warmup", "1", "--seconds", "1",
                "--json", json.toString());
        JsonNode results = JSON.readTree(json.toFile());
        List<String> workloads = List.of("stateless", "score-logistic", "score-onnx");
        assertThat(results).hasSize(workloads.size());
        for (int i = 0; i < workloads.size(); i++) {
            assertResult(results.get(i), "continuous", workloads.get(i));
        }
    }

    @Test
    void shouldRunEveryWorkloadInBothModesInOneInvocation() throws Exception {
        Path json = dir.resolve("all.json");

        String printed = runPrinting("--mode", "both", "--workload", "all", "--rate", "10000", "--warmup", "1",
                "--seconds", "1", "--trigger-ms", "200", "--checkpoint-dir", dir.resolve("cp").toString(),
                "--json", json.toString());

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

        Path svg = dir.resolve("all.svg");
        plotLines(svg, List.of("raw-ring at 10,000 rec/s", "continuous stateless at 10,000 rec/s (100 ms epochs)",
                "microbatch stateless at 10,000 rec/s (200 ms trigger)",
                "continuous keyed-count at 10,000 rec/s (100 ms epochs)",
                "microbatch keyed-count at 10,000 rec/s (200 ms trigger)"));
        String plot = Files.readString(svg);
        assertThat(plot).contains(">raw-ring, stateless, keyed-count at 10,000 rec/s: latency by percentile, 1 s measured"
                + " after 1 s warm-up, backoff idle<").containsPattern(">(the machine was quiet|other processes used up to)");
        assertThat(Pattern.compile("<circle class=\"marker\"").matcher(plot).results().count())
                .as("p50, p99 and p99.9 marked on every curve").isEqualTo(3L * runs.size());
        assertThat(plot).contains(">p50 ").contains(">p99 ").contains(">p99.9 ");
        assertThat(printed).containsPattern("\nmode +workload +rate")
                .containsPattern("\nraw +raw-ring ").containsPattern("\ncontinuous +stateless ")
                .containsPattern("\nmicrobatch +keyed-count ").contains(PercentileTable.LEGEND);
        assertThat(printed.lines()).contains("results: " + json, "plot: " + svg,
                "percentiles: " + dir.resolve("all.raw-ring.hgrm") + ", per second: " + dir.resolve("all.raw-ring.hlog"));
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
        plotLines(dir.resolve("sweep.svg"), List.of("continuous stateless at 2,000 rec/s (100 ms epochs)",
                "continuous stateless at 4,000 rec/s (100 ms epochs)"));
        assertThatThrownBy(() -> RunnerOptions.parse("--workload", "all", "--sweep", "1000,2000", "--seconds", "1",
                "--json", "x.json")).hasMessageContaining("--sweep runs one workload");
    }

    @Test
    void shouldPrintNotApplicableWhereNoSecondWasQuiet() {
        QuietFigures none = new QuietFigures(0, 0, 0, 0, 0, 0, 0, 0);
        RunResult loaded = new RunResult("continuous", "stateless", "backoff", 1000, 1, 1, 100, 1000, 1000, 1, 2, 3, 4, 5,
                6, 10, 11, 3, 0, 0, 0, 0.8, none, "x.hgrm", List.of(), RunResult.RECORD_LATENCY, StateFigures.NONE, 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PercentileTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(loaded));

        String printed = bytes.toString(StandardCharsets.UTF_8);
        String row = printed.lines().skip(1).findFirst().orElseThrow();
        assertThat(row).startsWith("continuous  stateless").endsWith("      0       n/a       n/a");
        assertThat(printed).as("no window or state section without such runs").doesNotContain("window close to emit", "B/row");
    }

    @Test
    void shouldPrintTheWindowCloseToEmitDelayAgainstItsTargetAndTheStatePerRow() {
        QuietFigures none = new QuietFigures(0, 0, 0, 0, 0, 0, 0, 0);
        RunResult appended = new RunResult("continuous", "windowed-count-append", "backoff", 100_000, 10, 20, 100, 2000,
                40_000, 500, 900, 101_500, 102_000, 103_000, 104_000, 200, 201, 3, 0, 0, 0, 0.1, none, "x.hgrm", List.of(),
                RunResult.CLOSE_TO_EMIT, StateFigures.of(30_000, 30_500, 6_000_000), 100_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PercentileTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(appended));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        int closing = lines.indexOf(lines.stream().filter(l -> l.startsWith("window close to emit")).findFirst().orElseThrow());
        assertThat(lines.get(closing + 2)).startsWith("continuous  windowed-count-append").contains("101500.0")
                .contains("101000").endsWith("no"); // p99 101.5 ms > one 100 ms epoch + 1 ms
        int state = lines.indexOf(lines.stream().filter(l -> l.startsWith("state ")).findFirst().orElseThrow());
        assertThat(lines.get(state + 2)).contains("30,000").contains("30,500").contains("6,000,000").endsWith("200.0");
    }

    @Test
    void shouldRunTheKeyedCountFusedFromTwoPartitionsAndAtParallelismTwoAsTheParallelGroup() throws Exception {
        assertThat(RunnerOptions.parse("--workload", "parallel", "--rate", "1", "--seconds", "1", "--json", "x.json").workloads())
                .containsExactly(Workload.KEYED_COUNT, Workload.KEYED_COUNT_2P, Workload.KEYED_COUNT_2P_X2);
        Path json = dir.resolve("x2.json");
        String printed = runPrinting("--mode", "continuous", "--workload", "keyed-count-2p-x2", "--rate", "10000", "--warmup",
                "1", "--seconds", "1", "--checkpoint-dir", dir.resolve("cp").toString(), "--json", json.toString());
        JsonNode result = JSON.readTree(json.toFile());
        assertThat(result.get("workload").asText()).isEqualTo("keyed-count-2p-x2");
        assertThat(result.get("rate").asLong()).isEqualTo(10_000);
        assertThat(printed).contains("source 0-paced/1 -> map -> exchange by key to 2 instances").contains("Keyed operators: 2 instances each");
    }

    @Test
    void shouldRunTheParallelCountIntoOneSinkWriterThroughRings() throws Exception {
        Path json = dir.resolve("merged.json");
        String printed = runPrinting("--mode", "continuous", "--workload", "keyed-count-2p-x2-merged", "--rate", "10000",
                "--warmup", "1", "--seconds", "1", "--checkpoint-dir", dir.resolve("cp").toString(), "--json", json.toString());
        assertThat(JSON.readTree(json.toFile()).get("workload").asText()).isEqualTo("keyed-count-2p-x2-merged");
        assertThat(printed).contains("count [instance 1, key groups 64..127] -> ring 'sink-noop#1'")
                .contains("-> sink NoopSink (one writer)");
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
                "--json", "x.json", "--idle", "nap")).hasMessageContaining("busy-spin").hasMessageContaining("yield-backoff");
    }

    @Test
    void shouldRunTheEventTimeWorkloadsInBothModes() throws Exception {
        Path json = dir.resolve("event-time.json");
        runPrinting("--mode", "both", "--workload", "event-time", "--rate", "10000", "--warmup", "1", "--seconds", "1",
                "--keys", "100", "--checkpoint-dir", dir.resolve("cp").toString(), "--json", json.toString());
        JsonNode results = JSON.readTree(json.toFile());
        List<String> workloads = List.of("windowed-count", "windowed-count-append", "session", "dedup-watermark", "stream-join");
        assertThat(results).hasSize(2 * workloads.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("mode").asText()).isEqualTo(i % 2 == 0 ? "continuous" : "microbatch");
            assertThat(result.get("workload").asText()).isEqualTo(workloads.get(i / 2));
            // What a 1 s window delivers depends on the machine's load (append-mode rows come when windows close), so
            // only the shape of each result is checked here; the figures are the bench's.
            assertThat(result.get("records").asLong()).as(result.toString()).isNotNegative();
            assertThat(result.get("committedEpochs").asLong()).as(result.toString()).isNotNegative();
            boolean closing = result.get("mode").asText().equals("continuous")
                    && List.of("windowed-count-append", "session").contains(result.get("workload").asText());
            assertThat(result.get("measures").asText()).isEqualTo(closing ? "window close to emit" : "record latency");
            if (result.get("committedEpochs").asLong() > 0) { // a loaded host may commit none in the 1 s window
                assertThat(result.get("state").get("maxRows").asLong()).as("every event-time workload keeps state").isPositive();
                assertThat(result.get("inputRate").asDouble()).as(result.toString()).isPositive();
            }
            assertThat(dir.resolve("event-time." + result.get("mode").asText() + "." + result.get("workload").asText() + ".hgrm"))
                    .isNotEmptyFile();
        }
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

    /** Runs the runner, returning what it printed (and printing it too). */
    private static String runPrinting(String... args) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LatencyRunner.run(args);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        stdout.print(text);
        return text;
    }

    /**
     * Checks that {@code svg} is a non-empty SVG document with one line per run, in order, named by its label in
     * the line's title and in the legend, each with vertices; returns the lines.
     */
    private static List<Element> plotLines(Path svg, List<String> labels) throws Exception {
        assertThat(svg).isNotEmptyFile();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList polylines = document.getElementsByTagName("polyline");
        List<Element> lines = new ArrayList<>();
        for (int i = 0; i < polylines.getLength(); i++) {
            lines.add((Element) polylines.item(i));
        }
        assertThat(lines).extracting(line -> line.getElementsByTagName("title").item(0).getTextContent())
                .containsExactlyElementsOf(labels);
        assertThat(lines).allSatisfy(line -> assertThat(line.getAttribute("points")).isNotBlank());
        NodeList texts = document.getElementsByTagName("text");
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            legend.add(texts.item(i).getTextContent());
        }
        assertThat(legend).containsAll(labels);
        return lines;
    }

    /** The steps of a {@code .hgrm} file below 100%. */
    private static int finiteHgrmSteps(Path hgrm) throws IOException {
        int steps = 0;
        for (String line : Files.readAllLines(hgrm)) {
            Matcher step = HGRM_STEP.matcher(line);
            if (step.matches() && Double.parseDouble(step.group(2)) < 1.0) {
                steps++;
            }
        }
        assertThat(steps).as("steps in " + hgrm).isPositive();
        return steps;
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
