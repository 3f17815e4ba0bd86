package io.streamline.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The driver's report machinery on two tiny runs written the way the runners write them; no timing involved. */
class CombinedReportTest {
    @TempDir
    Path dir;

    @Test
    void oneTableOneJsonAndOnePlotLineForEachRunInManifestOrder() throws Exception {
        // The second run has no label in the manifest: it is named by its result's engine and config.
        writeRun("fast", 1_000, 100);          // 1 .. 100 µs
        writeRun("slow", 1_000_000, 10);       // 1 .. 10 ms
        Files.writeString(dir.resolve("runs.tsv"), "fast | engine\t0.25\tfast.json\n\t0.5\tslow.json\n");

        List<RunSummary> runs = CombinedReport.readManifest(dir.resolve("runs.tsv"));
        String table = CombinedReport.write(runs, dir.resolve("report"), "test <plot>");

        assertThat(runs).extracting(RunSummary::label).containsExactly("fast | engine", "slow, micro-batch");
        assertThat(runs.get(0).p50Us()).isCloseTo(50.0, within(0.1));
        assertThat(runs.get(1).maxUs()).isCloseTo(10_000.0, within(10.0));
        assertThat(runs.get(0).distribution()).isNotEmpty();

        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().skip(2)).containsExactly(
                "| fast \\| engine | 100,000/s | 99,000/s | 50 µs | 99 µs | 100 µs | 100 µs | 0.25 |",
                "| slow, micro-batch | 100,000/s | 99,000/s | 5 ms | 10 ms | 10 ms | 10 ms | 0.50 |");
        assertThat(dir.resolve("report/combined.md")).hasContent(table);

        JsonNode combined = ResultFiles.JSON.readTree(dir.resolve("report/combined.json").toFile());
        assertThat(combined.size()).isEqualTo(2);
        assertThat(combined.get(1).get("label").textValue()).isEqualTo("slow, micro-batch");
        assertThat(combined.get(1).has("distribution")).as("plotted, not repeated").isFalse();

        assertThat(polylines()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("report/combined.svg"))).contains("test &lt;plot&gt;", ">90%<", ">99.9%<", "1 ms");
    }

    @Test
    void repeatedRunsAreSummarisedByMedianRangeAndRatioToTheFirstEngine() throws Exception {
        writeRun("a1", 1_000, 100);    // p50 50 µs
        writeRun("a2", 1_000, 300);    // p50 150 µs
        writeRun("a3", 1_000, 200);    // p50 100 µs
        writeRun("b1", 10_000, 100);   // p50 500 µs
        writeRun("b2", 10_000, 200);   // p50 1 ms
        writeRun("b3", 10_000, 300);   // p50 1.5 ms
        Files.writeString(dir.resolve("runs.tsv"), "A\t0.1\ta1.json\nB\t0.1\tb1.json\nA\t0.1\ta2.json\nB\t0.1\tb2.json\n"
                + "A\t0.1\ta3.json\nB\t0.1\tb3.json\n");

        List<RunSummary> runs = CombinedReport.readManifest(dir.resolve("runs.tsv"));
        String table = CombinedReport.write(runs, dir.resolve("report"), "repeats");

        assertThat(table).contains("| engine / config | runs | p50 median (range) | p50 ratio |");
        assertThat(table).contains("| A | 3 | 100 µs (50 µs–150 µs) | 1.00x |").contains("| B | 3 | 1 ms (500 µs–1.5 ms) | 10.00x |");
        assertThat(polylines()).as("one median run per engine").isEqualTo(2);
        assertThat(RepeatTable.medianRuns(runs)).extracting(RunSummary::json)
                .containsExactly(dir.resolve("a3.json").toString(), dir.resolve("b2.json").toString());
    }

    @Test
    void runsAtSeveralRatesAreGroupedByLabelAndRateAndTheFocusRateAloneIsPlottedAndChecked() throws Exception {
        writeRun("floor-10k", 1_000, 100, 10_000);
        writeRun("engine-10k", 1_000, 100, 10_000);
        writeRun("floor-100k", 1_000, 200, 100_000);
        writeRun("engine-100k", 1_000, 250, 100_000);
        writeRun("peer-100k", 10_000, 100, 100_000);
        Files.writeString(dir.resolve("runs.tsv"), "floor: loop\t0.1\tfloor-10k.json\nstreamline, continuous\t0.1\tengine-10k.json\n"
                + "floor: loop\t0.1\tfloor-100k.json\nstreamline, continuous\t0.1\tengine-100k.json\n"
                + "Flink\t0.1\tpeer-100k.json\n");

        List<RunSummary> runs = CombinedReport.readManifest(dir.resolve("runs.tsv"));
        String table = CombinedReport.write(runs, dir.resolve("report"), "kafka", OptionalLong.of(100_000));

        assertThat(RepeatTable.hasRepeats(runs)).as("the same label at two rates is no repeat").isFalse();
        assertThat(RepeatTable.byLabel(runs)).containsOnlyKeys("floor: loop at 10,000/s", "streamline, continuous at 10,000/s",
                "floor: loop at 100,000/s", "streamline, continuous at 100,000/s", "Flink at 100,000/s");
        assertThat(table).contains("| streamline, continuous | 10,000/s |").contains("| streamline, continuous | 100,000/s |")
                .contains("Issue 15's targets at 100,000 rec/s:")
                .contains("  - streamline, continuous: p99 248 µs: met\n")
                .contains("  - streamline, continuous: p50 125 µs, 1.25x: met\n");
        assertThat(polylines()).as("the runs at 100,000/s").isEqualTo(3);
    }

    @Test
    void aRunThatDeliveredNothingIsReportedAsSuchAndLeftOutOfMediansPlotAndComparison() throws Exception {
        writeRun("engine-1", 1_000, 100, 100_000);   // p50 50 µs
        writeRun("engine-2", 1_000, 0, 100_000);     // the runner's empty histogram: no distribution lines
        writeRun("engine-3", 1_000, 300, 100_000);   // p50 150 µs
        writeRun("stuck-1", 1_000, 0, 100_000);
        writeRun("stuck-2", 1_000, 0, 100_000);
        writeRun("peer-1", 10_000, 100, 100_000);
        Files.writeString(dir.resolve("runs.tsv"), "streamline, continuous\t0.1\tengine-1.json\nKafka Streams\t0.1\tstuck-1.json\n"
                + "streamline, continuous\t0.1\tengine-2.json\nKafka Streams\t0.1\tstuck-2.json\n"
                + "streamline, continuous\t0.1\tengine-3.json\nFlink\t0.1\tpeer-1.json\n");

        List<RunSummary> runs = CombinedReport.readManifest(dir.resolve("runs.tsv"));
        String table = CombinedReport.write(runs, dir.resolve("report"), "kafka", OptionalLong.of(100_000));

        assertThat(runs.get(1).deliveredNothing()).isTrue();
        assertThat(runs.get(1).distribution()).isEmpty();
        assertThat(table).contains("| Kafka Streams | 100,000/s | 0/s | delivered nothing | – | – | – | 0.10 |")
                .contains("| streamline, continuous | 3 (1 delivered nothing) | 100 µs (50 µs–150 µs) | 1.00x |")
                .contains("| Kafka Streams | 2 (2 delivered nothing) | delivered nothing | – |")
                .contains("- Kafka Streams: delivered nothing, left out of the comparison\n")
                .contains("(the lowest peer p99: 990 µs, Flink)");
        assertThat(polylines()).as("this engine's and Flink's median runs").isEqualTo(2);
    }

    /** The curves of the written plot. */
    private int polylines() throws Exception {
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("report/combined.svg").toFile());
        return svg.getElementsByTagName("polyline").getLength();
    }

    /** Values {@code unit, 2 unit, ..., count unit} nanoseconds, as JSON and .hgrm like a runner writes them. */
    private void writeRun(String name, long unitNanos, int count) throws Exception {
        writeRun(name, unitNanos, count, 100_000);
    }

    /** The same at an offered {@code rate}. */
    private void writeRun(String name, long unitNanos, int count, long rate) throws Exception {
        Histogram nanos = new Histogram(3);
        for (int i = 1; i <= count; i++) {
            nanos.recordValue(i * unitNanos);
        }
        Path json = dir.resolve(name + ".json");
        ResultFiles.writeHgrm(ResultFiles.hgrmPath(json), nanos);
        ResultFiles.writeJson(json, new PeerResult(name, "micro-batch", "micro-batch", "stateless", rate, 1, 1, count == 0 ? 0 : 99_000,
                count, nanos.getValueAtPercentile(50) / 1e3, 0, nanos.getValueAtPercentile(99) / 1e3, 0,
                nanos.getValueAtPercentile(99.99) / 1e3, nanos.getMaxValue() / 1e3, name + ".hgrm"));
    }
}
