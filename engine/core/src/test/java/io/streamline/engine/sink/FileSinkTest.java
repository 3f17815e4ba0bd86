package io.streamline.engine.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.CsvLines;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicBoolean FAIL_AT_NEGATIVE = new AtomicBoolean();

    /** A row type: records become one JSON object or one CSV column per component. */
    record Trade(String symbol, long qty, double price) {
    }

    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path tmp;

    @AfterEach
    void stopAll() {
        engine.close();
    }

    private static List<String> visibleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> allLines(Path dir, List<String> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String f : files) {
            lines.addAll(Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static long committedRows(Path dir) {
        try {
            Path log = dir.resolve(FileSink.METADATA);
            if (!Files.exists(log)) {
                return 0;
            }
            long n = 0;
            for (String line : Files.readAllLines(log)) {
                n += JSON.readTree(line).get("rows").asLong();
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldWriteOneCommittedFilePerEpochListedInTheMetadataLog() throws Exception {
        Path out = tmp.resolve("out");
        MemoryStream<Trade> trades = new MemoryStream<>("trades");
        engine.readStream(trades).writeStream().format("json").option("path", out.toString())
                .option("checkpointLocation", tmp.resolve("ckpt").toString()).trigger(Trigger.continuous(30)).start();
        trades.addData(new Trade("ACME", 10, 1.5), new Trade("INIT", 20, 2.25));
        Await.until("2 rows committed", () -> committedRows(out) == 2);
        trades.addData(new Trade("ACME", 30, 1.75));
        Await.until("3 rows committed", () -> committedRows(out) == 3);

        List<String> committed = FileSink.committedFiles(out);
        assertThat(committed).hasSizeGreaterThanOrEqualTo(2).allMatch(f -> f.matches("part-00000-\\d{12}\\.json"));
        assertThat(visibleFiles(out)).containsExactlyInAnyOrderElementsOf(committed);
        List<Map<?, ?>> rows = new ArrayList<>();
        for (String line : allLines(out, committed)) {
            rows.add(JSON.readValue(line, Map.class));
        }
        assertThat(rows).containsExactly(Map.of("symbol", "ACME", "qty", 10, "price", 1.5),
                Map.of("symbol", "INIT", "qty", 20, "price", 2.25), Map.of("symbol", "ACME", "qty", 30, "price", 1.75));
    }

    @Test
    void shouldWriteCsvWithHeaderAndQuotingThatReadsBack() throws Exception {
        Path out = tmp.resolve("csv");
        MemoryStream<Trade> trades = new MemoryStream<>("trades");
        engine.readStream(trades).writeStream().format("csv").option("path", out.toString()).option("sep", ";")
                .option("checkpointLocation", tmp.resolve("ckpt").toString()).trigger(Trigger.continuous(30)).start();
        trades.addData(new Trade("A;B", 1, 0.5), new Trade("say \"hi\"", 2, 1.0), new Trade(" pad ", 3, 2.0));
        Await.until("3 rows committed", () -> committedRows(out) == 3);

        List<String> lines = allLines(out, FileSink.committedFiles(out));
        assertThat(lines.get(0)).isEqualTo("symbol;qty;price");
        assertThat(lines.stream().filter(l -> !l.equals("symbol;qty;price")).map(l -> CsvLines.split(l, ';')).toList())
                .containsExactly(List.of("A;B", "1", "0.5"), List.of("say \"hi\"", "2", "1.0"), List.of(" pad ", "3", "2.0"));
    }

    @Test
    void shouldFeedTheFileSourceOfADownstreamQuery() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("chain"));
        MemoryStream<String> words = new MemoryStream<>("words");
        engine.readStream(words).writeStream().format("json").option("path", out.toString())
                .option("checkpointLocation", tmp.resolve("ckpt1").toString()).trigger(Trigger.continuous(30)).start();
        engine.readStream().format("json").option("path", out.toString()).option("pollInterval", "10ms").load()
                .writeStream().format("memory").queryName("downstream")
                .option("checkpointLocation", tmp.resolve("ckpt2").toString()).trigger(Trigger.continuous(30)).start();
        words.addData("a", "b");
        Await.until("the downstream query read 2 rows", () -> engine.table("downstream").rows().size() == 2);
        words.addData("c");
        Await.until("and a third", () -> engine.table("downstream").rows().size() == 3);
        // Hidden temporaries and the metadata log are never read as data: no _corrupt_record rows.
        assertThat(engine.table("downstream").rows()).containsExactly(Map.of("value", "a"), Map.of("value", "b"),
                Map.of("value", "c"));
    }

    private static Integer failAtNegative(Integer i) {
        if (i < 0 && FAIL_AT_NEGATIVE.compareAndSet(true, false)) {
            throw new IllegalStateException("boom");
        }
        return i;
    }

    @Test
    void shouldNeverExposeTheRowsOfAnEpochThatDidNotCommit() throws Exception {
        Path out = tmp.resolve("fail");
        MemoryStream<Integer> numbers = new MemoryStream<>("numbers");
        FAIL_AT_NEGATIVE.set(true);
        StreamingQuery q = engine.readStream(numbers).map(FileSinkTest::failAtNegative)
                .writeStream().format("text").option("path", out.toString())
                .option("checkpointLocation", tmp.resolve("ckpt").toString()).trigger(Trigger.continuous(30)).start();
        numbers.addData(1, 2, 3);
        Await.until("the first rows committed", () -> committedRows(out) == 3);
        numbers.addData(IntStream.range(4, 1000).boxed().toList());
        numbers.addData(-1);
        Await.until("the query failed", () -> !q.isActive());

        List<String> visible = visibleFiles(out);
        assertThat(visible).containsExactlyInAnyOrderElementsOf(FileSink.committedFiles(out));
        assertThat(allLines(out, visible)).hasSize((int) committedRows(out));

        // The failed run may leave the hidden file of an epoch it prepared but never committed (its marker came before
        // the failure); the restart on the checkpoint deletes it before it writes anything, as EpochOutput's contract says.
        StreamingQuery restarted = engine.readStream(numbers).map(FileSinkTest::failAtNegative)
                .writeStream().format("text").option("path", out.toString())
                .option("checkpointLocation", tmp.resolve("ckpt").toString()).trigger(Trigger.continuous(30)).start();
        Await.until("every row committed after the restart", () -> committedRows(out) >= 1000);
        restarted.stop();
        assertThat(visibleFiles(out)).containsExactlyInAnyOrderElementsOf(FileSink.committedFiles(out));
        try (Stream<Path> all = Files.list(out)) {
            assertThat(all.map(p -> p.getFileName().toString())).as("no temporary left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static SinkWriter<Object> writer(FileSink<Object> sink, int partition) {
        return sink.open(new SinkSetup("q", io.streamline.engine.OutputMode.APPEND, partition, 1, 0, null, false));
    }

    @Test
    void shouldMakeAFileVisibleOnlyAtItsCommitAfterItIsDurable() throws Exception {
        Path out = tmp.resolve("two-phase");
        FileSink<Object> sink = new FileSink<>("text", out, false, ',');
        SinkWriter<Object> writer = writer(sink, 0);
        writer.write("a", Sinks.META);
        EpochOutput prepared = writer.prepare(0);
        assertThat(visibleFiles(out)).as("prepared, not visible").isEmpty();
        String handle = prepared.persist();
        assertThat(visibleFiles(out)).as("durable, not yet committed").isEmpty();
        assertThat(handle).contains("part-00000-000000000000.text");
        prepared.commit();
        assertThat(FileSink.committedFiles(out)).containsExactly("part-00000-000000000000.text");
        assertThat(FileSink.committedLines(out)).containsExactly("a");
    }

    @Test
    void shouldLeaveTheFileToTheCommitterSoTheTaskThreadTouchesNoFile() throws Exception {
        Path out = tmp.resolve("write-behind");
        FileSink<Object> sink = new FileSink<>("json", out, false, ',');
        SinkWriter<Object> writer = writer(sink, 0);
        for (int i = 0; i < 10_000; i++) {
            writer.write(Map.of("n", i), Sinks.META);
        }
        EpochOutput prepared = writer.prepare(0);
        try (Stream<Path> all = Files.list(out)) {
            assertThat(all).as("no file created by the task thread's writes and marker").isEmpty();
        }
        prepared.persist();
        prepared.commit();
        List<String> lines = FileSink.committedLines(out);
        assertThat(lines).hasSize(10_000);
        assertThat(lines.get(0)).isEqualTo("{\"n\":0}");
        assertThat(lines.get(9_999)).isEqualTo("{\"n\":9999}");
    }

    @Test
    void shouldFinishTheLastCommitAndDiscardWhatNoCommitNamesWhenItRecovers() throws Exception {
        Path out = tmp.resolve("recover");
        FileSink<Object> sink = new FileSink<>("text", out, false, ',');
        SinkWriter<Object> writer = writer(sink, 0);
        writer.write("committed", Sinks.META);
        EpochOutput epoch0 = writer.prepare(0);
        String handle = epoch0.persist(); // the commit record with this handle is durable, then the process dies
        writer.write("never committed", Sinks.META);
        writer.prepare(1).persist(); // epoch 1 was prepared but its commit record never written
        Files.writeString(out.resolve("part-00007-000000000003.text"), "stray\n"); // a file no log lists

        FileSink<Object> restarted = new FileSink<>("text", out, false, ',');
        restarted.recover(0, Map.of(0, handle));
        restarted.recover(0, Map.of(0, handle)); // a crash during recovery repeats it: nothing twice

        assertThat(FileSink.committedFiles(out)).containsExactly("part-00000-000000000000.text");
        assertThat(FileSink.committedLines(out)).containsExactly("committed");
        try (Stream<Path> all = Files.list(out)) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "part-00000-000000000000.text", FileSink.METADATA, FileSink.ORPHANS);
        }
        assertThat(out.resolve(FileSink.ORPHANS).resolve("part-00007-000000000003.text")).hasContent("stray");
    }

    @Test
    void shouldListAFileRenamedJustBeforeACrashWhenItRecovers() throws Exception {
        Path out = tmp.resolve("renamed");
        FileSink<Object> sink = new FileSink<>("text", out, false, ',');
        SinkWriter<Object> writer = writer(sink, 3);
        writer.write("x", Sinks.META);
        String handle = writer.prepare(5).persist();
        try (Stream<Path> temps = Files.list(out)) {
            Path temp = temps.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
            Files.move(temp, out.resolve("part-00003-000000000005.text")); // renamed; the log entry never written
        }
        new FileSink<Object>("text", out, false, ',').recover(5, Map.of(3, handle));
        assertThat(FileSink.committedFiles(out)).containsExactly("part-00003-000000000005.text");
    }

    @Test
    void shouldRejectOtherOutputModesAndBadOptionsAtStart() throws Exception {
        MemoryStream<String> words = new MemoryStream<>("words");
        assertThatThrownBy(() -> engine.readStream(words).groupByKey(w -> w).count().writeStream().format("json")
                .outputMode("complete").option("path", tmp.resolve("o").toString())
                .option("checkpointLocation", tmp.resolve("c").toString()).start())
                .hasMessageContaining("supports append and update output modes");
        assertThatThrownBy(() -> engine.readStream(words).writeStream().format("csv")
                .option("checkpointLocation", tmp.resolve("c").toString()).start())
                .hasMessageContaining("Option 'path' is required for sink 'csv'");
        assertThatThrownBy(() -> engine.readStream(words).writeStream().format("json").option("path", tmp.resolve("o").toString())
                .start())
                .hasMessageContaining("checkpointLocation must be set for the json sink");
        assertThatThrownBy(() -> engine.readStream(words).writeStream().format("json").option("path", tmp.resolve("o").toString())
                .option("sep", ";").option("checkpointLocation", tmp.resolve("c").toString()).start())
                .hasMessageContaining("Unknown option 'sep'");
        assertThat(engine.streams().active()).isEmpty();
    }
}
