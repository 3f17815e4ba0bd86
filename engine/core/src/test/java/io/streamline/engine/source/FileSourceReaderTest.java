package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file source's reader driven directly, to pin down offsets and recovery without timing. */
class FileSourceReaderTest {
    @TempDir
    Path tmp;

    private final SourceContext context() {
        return new SourceContext("0-text/0", tmp.resolve("ckpt"));
    }

    private Path in() throws IOException {
        return Files.createDirectories(tmp.resolve("in"));
    }

    private void file(String name, long mtime, String... lines) throws IOException {
        Path p = Files.write(in().resolve(name), List.of(lines));
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
    }

    private <T> FileSource<T> source(String format, Map<String, String> extra) throws IOException {
        Map<String, String> options = new java.util.HashMap<>(extra);
        options.put("path", in().toString());
        options.put("pollInterval", "0ms");
        return FileSource.fromOptions(format, new Options("source '" + format + "'", options));
    }

    /** Polls until {@code n} rows came or a poll returns nothing twice in a row. */
    private static <T> List<T> poll(SourceReader<T> reader, int max) {
        List<T> rows = new ArrayList<>();
        for (int idle = 0; idle < 3 && rows.size() < max; ) {
            int n = reader.poll((value, offset, ingest, eventTime) -> rows.add(value), Math.min(max - rows.size(), 256));
            idle = n == 0 ? idle + 1 : 0;
        }
        return rows;
    }

    @Test
    void shouldRereadFilesTakenButNotCommittedInLogOrderAndThenNewOnes() throws IOException {
        file("a.txt", 3000, "a0", "a1");
        file("b.txt", 2000, "b0", "b1");
        file("c.txt", 1000, "c0");
        FileSource<String> source = source("text", Map.of());
        SourceReader<String> first = source.openPartition(0, null, context());
        assertThat(poll(first, 3)).containsExactly("c0", "b0", "b1");
        assertThat(first.offset()).isEqualTo("1:2"); // b read to its last line, its end not seen yet
        first.close(); // a crash: all three files are in the log, the commit says "file #1 from its start"

        file("d.txt", 0, "d0"); // new, with the oldest time stamp of all
        SourceReader<String> second = source.openPartition(0, "1:0", context());
        assertThat(poll(second, 10)).containsExactly("b0", "b1", "a0", "a1", "d0");
        assertThat(second.offset()).isEqualTo("4:0"); // d (file #3) read to its end: next is file #4
        second.close();
    }

    @Test
    void shouldResumeInTheMiddleOfACsvFileWithItsHeader() throws IOException {
        file("p.csv", 0, "id,name", "1,ann", "", "2,bob", "3,cy");
        FileSource<Map<String, String>> source = source("csv", Map.of());
        SourceReader<Map<String, String>> reader = source.openPartition(0, "0:3", context());
        assertThat(poll(reader, 10)).containsExactly(Map.of("id", "2", "name", "bob"), Map.of("id", "3", "name", "cy"));
        reader.close();
    }

    @Test
    void shouldReadUpToAnEndOffsetInsideAFileAsAReplayedContinuousEpochEnds() throws IOException {
        file("a.txt", 1000, "a0", "a1", "a2");
        file("b.txt", 2000, "b0", "b1", "b2");
        FileSource<String> source = source("text", Map.of());
        SourceReader<String> reader = source.openPartition(0, null, context());
        List<String> rows = new ArrayList<>();
        while (reader.pollUntil((value, offset, ingest, eventTime) -> rows.add(value), 256, "1:2") > 0) {
            // until the end offset, in the middle of b
        }
        assertThat(rows).containsExactly("a0", "a1", "a2", "b0", "b1");
        assertThat(reader.offset()).isEqualTo("1:2");
        assertThat(poll(reader, 10)).containsExactly("b2");
        reader.close();
    }

    @Test
    void shouldRefuseAnOffsetBeyondItsProcessedFilesLog() throws IOException {
        file("a.txt", 0, "a0");
        FileSource<String> source = source("text", Map.of());
        assertThatThrownBy(() -> source.openPartition(0, "5:0", context()))
                .hasMessageContaining("names file #5").hasMessageContaining("lists only 0 files");
    }
}
