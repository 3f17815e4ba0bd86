package io.streamline.engine.source;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.config.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSourceTest {
    private static final AtomicBoolean FAIL_ON_B2500 = new AtomicBoolean();
    private static final long BASE_MTIME = 1_700_000_000_000L;

    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path tmp;
    private Path in;
    private Path staging;

    @BeforeEach
    void dirs() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        staging = Files.createDirectories(tmp.resolve("staging"));
    }

    @AfterEach
    void stopAll() {
        engine.close();
    }

    /** Writes a file elsewhere, stamps its modification time, and moves it in atomically: the documented convention. */
    private void put(String name, long mtimeOffsetSeconds, String... lines) throws IOException {
        Path staged = Files.write(staging.resolve(name), String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(staged, FileTime.fromMillis(BASE_MTIME + mtimeOffsetSeconds * 1000));
        Files.move(staged, in.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void putBytes(String name, byte[] bytes) throws IOException {
        Path staged = Files.write(staging.resolve(name), bytes);
        Files.move(staged, in.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private StreamingQuery query(String format, String table, Map<String, String> options) {
        var reader = engine.readStream().format(format).option("path", in.toString()).option("pollInterval", "10ms");
        options.forEach(reader::option);
        return reader.load().writeStream().format("memory").queryName(table)
                .option("checkpointLocation", tmp.resolve("ckpt-" + table).toString())
                .trigger(Trigger.continuous(50)).start();
    }

    private List<Object> rows(String table) {
        return engine.table(table).rows();
    }

    private static List<String> lines(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void shouldReadFilesInModificationOrderThenFilesThatArriveLater() throws IOException {
        put("a.txt", 30, "a0", "a1");
        put("b.txt", 10, "b0");
        put("c.txt", 20, "c0", "", "c2");
        query("text", "mtime", Map.of());
        Await.until("3 files", () -> rows("mtime").size() == 6);
        assertThat(rows("mtime")).containsExactly("b0", "c0", "", "c2", "a0", "a1");

        put("d.txt", 0, "d0"); // older time stamp, but new: it is still read
        Await.until("the new file", () -> rows("mtime").size() == 7);
        assertThat(rows("mtime")).endsWith("d0");
    }

    @Test
    void shouldReadInNameOrderAndNewestFirstOnRequest() throws IOException {
        put("x1.txt", 30, "x1");
        put("x2.txt", 20, "x2");
        put("x3.txt", 10, "x3");
        query("text", "byname", Map.of("fileOrder", "name"));
        query("text", "latest", Map.of("latestFirst", "true", "maxFilesPerTrigger", "1"));
        Await.until("both queries read 3 files", () -> rows("byname").size() == 3 && rows("latest").size() == 3);
        assertThat(rows("byname")).containsExactly("x1", "x2", "x3");
        assertThat(rows("latest")).containsExactly("x1", "x2", "x3"); // newest modification time first
    }

    @Test
    void shouldIgnoreHiddenFilesUnderscoreFilesAndDirectories() throws IOException {
        put(".inprogress.txt", 0, "hidden");
        put("_SUCCESS", 0, "marker");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub").resolve("nested.txt"), "nested\n");
        put("real.txt", 0, "real");
        query("text", "ignored", Map.of());
        Await.until("the real file", () -> rows("ignored").size() == 1);
        put("later.txt", 1, "later");
        Await.until("a later file", () -> rows("ignored").size() == 2);
        assertThat(rows("ignored")).containsExactly("real", "later");
    }

    @Test
    void shouldParseCsvWithHeaderQuotesAndSeparator() throws IOException {
        put("people.csv", 0, "name;city;note", "ann;Paris;\"says \"\"hi\"\"; twice\"", "", "bob;;plain");
        put("more.csv", 1, "name;city;note", "cy;Oslo;x");
        query("csv", "csv", Map.of("sep", ";"));
        Await.until("3 rows", () -> rows("csv").size() == 3);
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("name", "ann");
        ann.put("city", "Paris");
        ann.put("note", "says \"hi\"; twice");
        assertThat(rows("csv")).containsExactly(ann, Map.of("name", "bob", "city", "", "note", "plain"),
                Map.of("name", "cy", "city", "Oslo", "note", "x"));
        assertThat(List.<Object>copyOf(((Map<?, ?>) rows("csv").get(0)).keySet())).containsExactly("name", "city", "note");
    }

    @Test
    void shouldParseCsvWithoutHeaderIntoPositionalColumns() throws IOException {
        put("raw.csv", 0, "1,2", "3,4");
        query("csv", "nohdr", Map.of("header", "false"));
        Await.until("2 rows", () -> rows("nohdr").size() == 2);
        assertThat(rows("nohdr")).containsExactly(Map.of("_c0", "1", "_c1", "2"), Map.of("_c0", "3", "_c1", "4"));
    }

    @Test
    void shouldParseJsonLinesIntoMaps() throws IOException {
        put("events.json", 0, "{\"id\":1,\"tags\":[\"a\",\"b\"],\"geo\":{\"lat\":1.5}}", "", "{\"id\":2,\"ok\":true,\"none\":null}");
        query("json", "json", Map.of());
        Await.until("2 rows", () -> rows("json").size() == 2);
        Map<String, Object> second = new HashMap<>();
        second.put("id", 2);
        second.put("ok", true);
        second.put("none", null);
        assertThat(rows("json")).containsExactly(Map.of("id", 1, "tags", List.of("a", "b"), "geo", Map.of("lat", 1.5)), second);
    }

    @Test
    void shouldKeepMalformedLinesAsCorruptRecordsInPermissiveMode() throws IOException {
        put("bad.csv", 0, "a,b", "1,2", "1,2,3", "\"open,4");
        query("csv", "permcsv", Map.of());
        Await.until("all csv rows", () -> rows("permcsv").size() == 3);
        Map<String, String> corrupt = new HashMap<>();
        corrupt.put("a", null);
        corrupt.put("b", null);
        corrupt.put("_corrupt_record", "1,2,3");
        Map<String, String> corrupt2 = new HashMap<>(corrupt);
        corrupt2.put("_corrupt_record", "\"open,4");
        assertThat(rows("permcsv")).containsExactly(Map.of("a", "1", "b", "2"), corrupt, corrupt2);

        Files.delete(in.resolve("bad.csv")); // a directory holds one format: the json query would read it too
        put("bad.json", 1, "{\"a\":1}", "[1,2]", "{\"a\":2} trailing", "{broken");
        query("json", "permjson", Map.of("columnNameOfCorruptRecord", "_bad"));
        Await.until("all json rows", () -> rows("permjson").size() == 4);
        assertThat(rows("permjson")).containsExactly(Map.of("a", 1), Map.of("_bad", "[1,2]"),
                Map.of("_bad", "{\"a\":2} trailing"), Map.of("_bad", "{broken"));
    }

    @Test
    void shouldDropAndCountMalformedLinesInDropMalformedMode() throws IOException {
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        putBytes("a.json", ("{\"a\":1}\nnope\n").getBytes(StandardCharsets.UTF_8));
        putBytes("b.json", concat(badUtf8, "{\"a\":3}\n".getBytes(StandardCharsets.UTF_8)));
        FileSource<Map<String, Object>> source = FileSource.fromOptions("json", new Options("source 'json'",
                Map.of("path", in.toString(), "mode", "DROPMALFORMED", "pollInterval", "10ms", "fileOrder", "name")));
        StreamingQuery q = engine.readStream(source).writeStream().format("memory").queryName("drop")
                .option("checkpointLocation", tmp.resolve("ckpt-drop").toString()).trigger(Trigger.continuous(50)).start();
        Await.until("2 good rows", () -> rows("drop").size() == 2);
        assertThat(rows("drop")).containsExactly(Map.of("a", 1), Map.of("a", 3));
        assertThat(source.malformedRecords()).isEqualTo(2);
        Await.until("the drops counted in progress", () -> q.lastProgress() != null
                && "2".equals(q.lastProgress().sources().get(0).metrics().get("numDroppedMalformedRows")));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void shouldStopTheQueryNamingFileAndLineInFailFastMode() throws IOException {
        put("good.csv", 0, "k,v", "1,2");
        put("broken.csv", 1, "k,v", "3,4", "5");
        StreamingQuery q = query("csv", "failfast", Map.of("mode", "failfast"));
        Await.until("the query stopped", () -> !q.isActive());
        assertThat(q.exception()).hasValueSatisfying(e -> assertThat(e.getCause())
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(in.resolve("broken.csv").toString() + " line 3")
                .hasMessageContaining("expected 2 fields"));
        assertThat(rows("failfast")).doesNotContain(Map.of("k", "3", "v", "4")); // the failed epoch was not committed
    }

    private static Object failOnB2500(Object row) {
        if (row instanceof String line && line.startsWith("b")) {
            LockSupport.parkNanos(20_000); // slow enough that epochs commit in the middle of file b
            if (line.equals("b2500") && FAIL_ON_B2500.compareAndSet(true, false)) {
                throw new IllegalStateException("boom at b2500");
            }
        }
        return row;
    }

    private StreamingQuery resumable(String table, Path path, boolean fileNameOnly) {
        return engine.readStream().format("text").option("path", path.toString()).option("pollInterval", "10ms")
                .option("fileNameOnly", fileNameOnly).option("maxFilesPerTrigger", 1).load()
                .map(FileSourceTest::failOnB2500)
                .writeStream().format("memory").queryName(table)
                .option("checkpointLocation", tmp.resolve("ckpt-" + table).toString())
                .trigger(Trigger.continuous(20)).start();
    }

    @Test
    void shouldResumeWithoutRereadingCommittedLinesOrSkippingNewFiles() throws IOException {
        put("a.txt", 0, lines("a", 100).toArray(String[]::new));
        StreamingQuery first = resumable("resume", in, false);
        Await.until("file a committed", () -> rows("resume").size() == 100);
        FAIL_ON_B2500.set(true);
        put("b.txt", 1, lines("b", 3000).toArray(String[]::new));
        Await.until("the query failed at b2500", () -> !first.isActive());
        assertThat(first.exception()).isPresent();
        List<Object> committed = rows("resume");
        assertThat(committed).as("epochs committed in the middle of b").contains("b0").doesNotContain("b2500");
        put("c.txt", 2, "c0"); // arrives while the query is down
        put("d.txt", 3, "d0");

        resumable("resume", in, false);
        Await.until("b, c and d after the restart", () -> rows("resume").containsAll(List.of("b2999", "c0", "d0")));
        Map<Object, Integer> count = new HashMap<>();
        rows("resume").forEach(r -> count.merge(r, 1, Integer::sum));
        assertThat(committed).allSatisfy(r -> assertThat(count.get(r)).as("committed line %s", r).isEqualTo(1));
        assertThat(count.keySet()).containsAll(lines("b", 3000)).contains("c0", "d0").hasSize(3102);
        assertThat(rows("resume")).endsWith("c0", "d0");
    }

    @Test
    void shouldRecogniseFilesByNameAloneWhenTheDirectoryMoves() throws IOException {
        put("a.txt", 0, "a0");
        StreamingQuery first = resumable("moved", in, true);
        Await.until("a read", () -> rows("moved").size() == 1);
        first.stop();
        Path moved = Files.move(in, tmp.resolve("moved-in"));
        Files.writeString(moved.resolve("b.txt"), "b0\n");

        resumable("moved", moved, true);
        Await.until("b read", () -> rows("moved").size() >= 2);
        assertThat(rows("moved")).containsExactly("a0", "b0");
    }

    @Test
    void shouldRejectBadOptionsAtStart() {
        assertThatThrownBy(() -> engine.readStream().format("csv").load().writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("Option 'path' is required for source 'csv'");
        assertThatThrownBy(() -> engine.readStream().format("text").option("path", tmp.resolve("nope").toString()).load()
                .writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("must name an existing directory").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> engine.readStream().format("json").option("path", in.toString()).option("mode", "lenient").load()
                .writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("'mode'").hasMessageContaining("PERMISSIVE, DROPMALFORMED or FAILFAST");
        assertThatThrownBy(() -> engine.readStream().format("json").option("path", in.toString()).option("header", "true").load()
                .writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("Unknown option 'header'");
        assertThatThrownBy(() -> engine.readStream().format("csv").option("path", in.toString()).option("maxFilesPerTrigger", "0").load()
                .writeStream().format("memory").queryName("x").start())
                .hasMessageContaining("maxFilesPerTrigger").hasMessageContaining("positive");
        assertThat(engine.streams().active()).isEmpty();
    }
}
