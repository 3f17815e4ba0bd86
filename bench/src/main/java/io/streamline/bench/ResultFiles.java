package io.streamline.bench;

import java.nio.charset.StandardCharsets;

import org.HdrHistogram.HistogramLogWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamline.bench.plot.PercentilePlot;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the runner's output files: the JSON results (one object for one workload, an array for several)
 * and, beside them, one HdrHistogram percentile distribution ({@code .hgrm}, values in µs) and interval log
 * ({@code .hlog}) per run, and one SVG percentile plot per invocation with every run in it.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** {@code .hgrm} values are written in µs; histograms hold ns. */
    private static final double NANOS_PER_MICRO = 1000.0;

    private ResultFiles() {
    }

    /** {@code results/run.json} and {@code stateless} give {@code results/run.stateless.hgrm}. */
    static Path hgrmPath(Path json, Mode mode, Workload workload) {
        String run = workload == Workload.RAW_RING ? workload.label : mode.label() + "." + workload.label;
        return json.resolveSibling(stem(json) + "." + run + ".hgrm");
    }

    /** {@code results/run.json} gives {@code results/run.svg}. */
    static Path svgPath(Path json) {
        return json.resolveSibling(stem(json) + ".svg");
    }

    /** {@code run} for {@code results/run.json}: the name the files of an invocation share. */
    static String stem(Path json) {
        String name = json.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** {@code results/run.stateless.hgrm} gives {@code results/run.stateless.hlog}. */
    static Path hlogPath(Path hgrm) {
        String name = hgrm.getFileName().toString();
        return hgrm.resolveSibling(name.substring(0, name.length() - ".hgrm".length()) + ".hlog");
    }

    /**
     * Writes one interval histogram per second (nanoseconds) as an HdrHistogram interval log ({@code .hlog}),
     * readable by {@code HistogramLogReader} and HdrHistogram's plotting tools.
     */
    static void writeHlog(Path file, List<Histogram> perSecond) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputLogFormatVersion();
            if (!perSecond.isEmpty()) {
                log.outputStartTime(perSecond.get(0).getStartTimeStamp());
                log.setBaseTime(perSecond.get(0).getStartTimeStamp());
            }
            log.outputLegend();
            perSecond.forEach(log::outputIntervalHistogram);
        }
    }

    /** Writes {@code nanos}'s percentile distribution in µs. */
    public static void writeHgrm(Path file, Histogram nanos) throws IOException {
        createParent(file);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            nanos.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
    }

    /** Writes the results: the single object if there is one, else the array. */
    static void writeJson(Path file, List<RunResult> results) throws IOException {
        createParent(file);
        JSON.writeValue(file.toFile(), results.size() == 1 ? results.get(0) : results);
    }

    /** Writes one result object of another runner ({@code bench/run.sh --kafka}), indented as the others. */
    public static void writeJsonValue(Path file, Object value) throws IOException {
        createParent(file);
        JSON.writeValue(file.toFile(), value);
    }

    /** Writes the percentile plot of {@code runs}, one line each, in their order, with {@code note} under the title. */
    static void writePlot(Path file, String title, String note, List<MeasuredRun> runs) throws IOException {
        createParent(file);
        Files.writeString(file, PercentilePlot.svg(title, note, runs.stream().map(MeasuredRun::curve).toList()),
                StandardCharsets.UTF_8);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
