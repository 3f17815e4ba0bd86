package io.streamline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.sink.FileSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the crash tests' committed output: JSON rows of a key and its {@link CrashTestPipeline.Tally}. */
public final class CommittedTallies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedTallies() {
    }

    /** The file sink's committed output in commit order, read through its metadata log: {@code value, key, count} per row. */
    public static List<long[]> rows(Path output) {
        try {
            return FileSink.committedLines(output).stream().map(CommittedTallies::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] parse(String line) {
        try {
            JsonNode row = JSON.readTree(line);
            return new long[]{row.get("value").get("lastValue").asLong(), row.get("key").asLong(), row.get("value").get("count").asLong()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
