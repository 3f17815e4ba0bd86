package io.streamline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.sink.FileSink;
import io.streamline.engine.source.JournalSource;
import io.streamline.engine.source.SourceReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the crash tests' output: JSON rows of a key and its {@link CrashTestPipeline.Tally}, or journal lines of them. */
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

    /** A row as the journal crash test's sink gets it: {@code value,key,count}. */
    public static String line(KeyValue<Long, CrashTestPipeline.Tally> row) {
        return row.value().lastValue() + "," + row.key() + "," + row.value().count();
    }

    /**
     * The journal sink's output as the journal source reads it (in continuous mode every row at once, as appended):
     * {@code value, key, count} per {@link #line} row.
     */
    public static List<long[]> journal(Path journal) {
        List<long[]> rows = new ArrayList<>();
        if (!Files.isDirectory(journal)) {
            return rows;
        }
        try (SourceReader<Object> reader = new JournalSource(journal, "earliest", Long.MAX_VALUE).openPartition(0, null)) {
            while (reader.poll((row, offset, ingestNanos, eventTime) -> rows.add(parseLine((String) row)), 4096) > 0) {
                // read to the end of what is there
            }
        }
        return rows;
    }

    private static long[] parseLine(String line) {
        String[] fields = line.split(",");
        return new long[]{Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2])};
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
