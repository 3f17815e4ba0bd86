package io.streamline.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a result the way the engine's runner does: JSON, and an HdrHistogram percentile file in µs beside it. */
public final class ResultFiles {
    /** Indented, like the engine runner's files, so that a person can read them. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** {@code .hgrm} values are in µs; histograms hold ns. */
    private static final double NANOS_PER_MICRO = 1000.0;

    private ResultFiles() {
    }

    /** {@code out/flink.json} gives {@code out/flink.hgrm}. */
    public static Path hgrmPath(Path json) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(stem + ".hgrm");
    }

    /** Writes {@code nanos}'s percentile distribution in µs. */
    public static void writeHgrm(Path file, Histogram nanos) throws IOException {
        createParent(file);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            nanos.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
    }

    /** Writes {@code value} as indented JSON. */
    public static void writeJson(Path file, Object value) throws IOException {
        createParent(file);
        JSON.writeValue(file.toFile(), value);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
