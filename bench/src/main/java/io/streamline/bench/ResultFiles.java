package io.streamline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the runner's output files: the JSON results (one object for one workload, an array for several)
 * and, beside them, one HdrHistogram percentile distribution ({@code .hgrm}, values in µs) per workload.
 */
final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** {@code .hgrm} values are written in µs; histograms hold ns. */
    private static final double NANOS_PER_MICRO = 1000.0;

    private ResultFiles() {
    }

    /** {@code results/run.json} and {@code stateless} give {@code results/run.stateless.hgrm}. */
    static Path hgrmPath(Path json, Workload workload) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(stem + "." + workload.label + ".hgrm");
    }

    /** Writes {@code nanos}'s percentile distribution in µs. */
    static void writeHgrm(Path file, Histogram nanos) throws IOException {
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

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
