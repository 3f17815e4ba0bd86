package io.streamline.engine.sink;

import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.OutputMode;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.source.CsvLines;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spark's file sink for formats {@code json} (JSON lines), {@code csv} and {@code text}: each epoch's rows of
 * each sink partition go to one file in the directory {@code path}, made visible only when the epoch commits.
 * Append mode writes new rows; update mode (which Spark's file sink lacks) writes each epoch's changed rows,
 * so the files are a changelog whose latest row per key is the result. Complete mode is refused: it would
 * rewrite the whole table every epoch.
 *
 * <h2>Files: a two-phase commit</h2>
 * Rows are encoded as they arrive, on the task's thread, into memory ({@code EpochBuffer}): the task thread makes
 * no system call for the file and never waits for the disk (an epoch of more than 16 MiB per partition spills to
 * its file on the task thread instead, which bounds memory). At the epoch's marker ({@link SinkWriter#prepare})
 * the bytes are handed to the engine's committer thread, which writes them to a hidden temporary file
 * ({@code .part-...tmp}) and fsyncs it ({@link EpochOutput#persist()}),
 * stores its name in the epoch's commit record, and, once that record is durable, renames it atomically to
 * {@code part-<partition>-<epoch>.<ext>}, fsyncs the directory and appends a line to the metadata log
 * {@code <path>/_streamline_metadata}, an append-only file of JSON lines
 * ({@code {"epoch":..,"partition":..,"file":..,"rows":..,"bytes":..}}) fsynced per entry
 * ({@link EpochOutput#commit()}). An epoch without rows writes no file. A reader that lists the directory sees
 * only committed files (the file source ignores the hidden and {@code _} names); a reader that wants exactly the
 * committed files reads the log ({@link #committedFiles}).
 *
 * <h2>Delivery</h2>
 * A file becomes visible only after the query has committed its epoch, so an epoch replayed after a crash was
 * never visible before: in continuous and micro-batch mode alike, every committed epoch appears exactly once, and
 * output never runs ahead of the commit log. When the query restarts ({@link #recover}), the sink finishes the
 * commit of the last committed epoch if a crash interrupted it (rename and log entry), deletes the temporary files
 * of epochs that never committed, and moves any {@code part-*} file its log does not list (left by an earlier
 * version, or copied in by hand) into {@code _streamline_orphans/}, so the directory holds only what the log lists.
 * A batch the log already lists (its directory reused by a new checkpoint) is not written again.
 *
 * <h2>Rows</h2>
 * {@code json}: maps, records and beans as objects (Jackson); a string, number or boolean as
 * {@code {"value": ...}}. {@code csv}: a map's keys, a record's components or a single {@code value} column;
 * the first row of a file fixes its columns (a header line with {@code header}, default {@code true}; separator
 * {@code sep}); a later map row with a column the file lacks fails the query rather than losing the value, a
 * missing one is written empty; a value holding a line break is quoted, but the csv file source reads one
 * record per line. {@code text}: {@code String.valueOf(row)} per line.
 */
public final class FileSink<T> implements StreamSink<T> {
    /** Options every file format accepts. */
    public static final Set<String> OPTIONS = Set.of("path");
    /** Options only {@code csv} accepts. */
    public static final Set<String> CSV_OPTIONS = Set.of("header", "sep");
    /** The metadata log's name in the output directory. */
    public static final String METADATA = "_streamline_metadata";
    /** Where recovery moves files of the directory that the metadata log does not list. */
    public static final String ORPHANS = "_streamline_orphans";
    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String format;
    private final Path dir;
    private final boolean header;
    private final char sep;

    /**
     * @param format {@code json}, {@code csv} or {@code text}
     * @param dir    the output directory, created if missing
     * @param header for {@code csv}: whether each file starts with a header line
     * @param sep    for {@code csv}: the separator
     */
    public FileSink(String format, Path dir, boolean header, char sep) {
        this.format = format;
        this.dir = dir;
        this.header = header;
        this.sep = sep;
    }

    /** Builds the sink of {@code format} from string options, failing with a message that names a bad option. */
    public static <T> FileSink<T> fromOptions(String format, Options options) {
        String f = format.toLowerCase(Locale.ROOT);
        Set<String> accepted = new HashSet<>(OPTIONS);
        if (f.equals("csv")) {
            accepted.addAll(CSV_OPTIONS);
        } else if (!f.equals("json") && !f.equals("text")) {
            throw new IllegalArgumentException("Unknown file sink format '" + format + "'; accepted: json, csv, text");
        }
        options.requireOnly(accepted);
        Path dir = Path.of(options.required("path")).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Option 'path' of sink '" + f + "' must name a directory, got the file '"
                    + options.string("path", "") + "'");
        }
        String sep = options.string("sep", ",");
        if (sep.length() != 1 || sep.charAt(0) == '"' || sep.charAt(0) == '\n' || sep.charAt(0) == '\r') {
            throw new IllegalArgumentException("Option 'sep' of sink '" + f + "' must be one character other than a quote"
                    + " or a line break, got '" + sep + "'");
        }
        return new FileSink<>(f, dir, options.bool("header", true), sep.charAt(0));
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public String description() {
        return "FileSink[" + format + ", " + dir + "]";
    }

    /** Each task feeding the sink writes files of its own partition: no fan-in, no ring. */
    @Override
    public boolean supportsPartitions() {
        return true;
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        if (setup.outputMode() == OutputMode.COMPLETE) {
            throw new IllegalArgumentException("The " + format + " file sink supports append and update output modes, got "
                    + setup.outputMode().name().toLowerCase(Locale.ROOT) + "; files are never rewritten");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The " + format + " file sink cannot create " + dir, e);
        }
        return new Writer(setup.partitionId());
    }

    /**
     * Finishes the commit of the last committed epoch's files, deletes the temporary files of epochs that never
     * committed, and moves files the metadata log does not list aside into {@value #ORPHANS}.
     */
    @Override
    public void recover(long lastCommittedEpoch, Map<Integer, String> committedHandles) throws IOException {
        Files.createDirectories(dir);
        for (String handle : committedHandles.values()) {
            PreparedFile.fromHandle(handle).commit();
        }
        Set<String> listed = new HashSet<>(committedFiles(dir));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(".part-") && name.endsWith(".tmp")) {
                    LOG.info("Deleting {}, prepared for an epoch that never committed", p);
                    Files.deleteIfExists(p);
                } else if (name.startsWith("part-") && !listed.contains(name)) {
                    Path orphans = Files.createDirectories(dir.resolve(ORPHANS));
                    LOG.warn("Moving {} to {}: the metadata log {} does not list it", p, orphans, METADATA);
                    Files.move(p, orphans.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private String partPrefix(int partition) {
        return String.format("part-%05d-", partition);
    }

    /**
     * The files the metadata log of {@code dir} lists as committed, in commit order. A torn last line (a crash
     * in the middle of an append) is ignored.
     */
    public static List<String> committedFiles(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonNode entry : metadata(dir)) {
            files.add(entry.get("file").asText());
        }
        return files;
    }

    /** Every line of every committed file, in commit order: the sink's output as a downstream reader sees it. */
    public static List<String> committedLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String file : committedFiles(dir)) {
            lines.addAll(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** The metadata log's entries; a torn last line (a crash in the middle of an append) is ignored. */
    private static List<JsonNode> metadata(Path dir) throws IOException {
        Path log = dir.resolve(METADATA);
        if (!Files.exists(log)) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode entry = JSON.readTree(lines.get(i));
                if (entry == null || !entry.has("file")) {
                    throw new IOException("no file named");
                }
                entries.add(entry);
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw new IOException("Corrupt entry at line " + (i + 1) + " of " + log, e);
                }
            }
        }
        return entries;
    }

    private final class Writer implements SinkWriter<T> {
        private final int partition;
        /** Epochs of this partition the metadata log already lists: a reused directory's, never written again. */
        private final Set<Long> committedEpochs = new HashSet<>();
        private final String ext = "." + format;
        /**
         * Arrays of this partition's earlier epochs, for the next epoch's {@link EpochBuffer}. Up to four are kept
         * (epochs whose files the committer has not written yet hold theirs meanwhile), each as large as the largest
         * epoch it served, at most {@link EpochBuffer#MEMORY_LIMIT}: a partition whose epochs once reached the limit
         * keeps up to 4 x 16 MiB for the rest of the query, the price of encoding without allocating large arrays.
         */
        private final ManyToOneConcurrentArrayQueue<byte[]> freeArrays = new ManyToOneConcurrentArrayQueue<>(4);
        /** The current epoch's bytes, from its first row to its marker; {@code null} between epochs. */
        private EpochBuffer out;
        /** For {@code json}: the generator writing this file's rows. */
        private JsonLines jsonLines;
        private List<String> columns;
        private long rows;

        Writer(int partition) {
            this.partition = partition;
            try {
                for (JsonNode entry : metadata(dir)) {
                    if (entry.path("partition").asInt() == partition) {
                        committedEpochs.add(entry.path("epoch").asLong());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " file sink cannot read its metadata log in " + dir, e);
            }
        }

        @Override
        public void write(T value, RecordMeta meta) {
            try {
                if (out == null) {
                    out = new EpochBuffer(dir.resolve("." + partPrefix(partition) + System.nanoTime() + ext + ".tmp"), freeArrays,
                            EpochBuffer.MEMORY_LIMIT);
                    jsonLines = format.equals("json") ? new JsonLines(out) : null;
                    columns = null;
                    rows = 0;
                }
                if (jsonLines != null) {
                    jsonLines.write(value);
                } else {
                    out.write((format.equals("csv") ? csv(value) : String.valueOf(value)).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " file sink cannot write " + out.temp(), e);
            }
        }

        private String csv(Object row) throws IOException {
            Map<String, Object> fields = fieldsOf(row);
            StringBuilder sb = new StringBuilder();
            if (columns == null) {
                columns = List.copyOf(fields.keySet());
                if (header) {
                    sb.append(CsvLines.join(columns, sep)).append('\n');
                }
            } else if (!columns.containsAll(fields.keySet())) {
                Set<String> extra = new HashSet<>(fields.keySet());
                columns.forEach(extra::remove);
                throw new IllegalArgumentException("The csv file sink cannot write a row with column(s) " + extra
                        + " to a file whose columns are " + columns + " (fixed by the epoch's first row)");
            }
            List<Object> values = new ArrayList<>(columns.size());
            for (String c : columns) {
                values.add(fields.get(c));
            }
            return sb.append(CsvLines.join(values, sep)).toString();
        }

        /**
         * Hands the epoch's bytes over, still in memory: the committer thread writes and fsyncs the file, renames it
         * and appends the log entry, so the task thread makes no system call for it.
         */
        @Override
        public EpochOutput prepare(long epoch) {
            if (out == null) {
                return EpochOutput.DONE;
            }
            EpochBuffer content = out;
            out = null;
            try {
                if (jsonLines != null) {
                    jsonLines.flush();
                    jsonLines = null;
                }
                Path target = dir.resolve(partPrefix(partition) + String.format("%012d", epoch) + ext);
                PreparedFile prepared = new PreparedFile(dir, content.temp(), target, epoch, partition, rows, content.count(),
                        content);
                if (committedEpochs.contains(epoch)) {
                    prepared.discard();
                    return EpochOutput.DONE;
                }
                return prepared;
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " file sink cannot write " + content.temp(), e);
            }
        }

        @Override
        public void close(Throwable error) {
            if (out == null) {
                return;
            }
            try {
                out.discard(); // never committed: the epoch is replayed after restart
            } catch (IOException e) {
                LOG.warn("Cannot delete the uncommitted file {}", out.temp(), e);
            }
            out = null;
            jsonLines = null;
        }
    }

    /** The columns of a csv row in order: a map's keys, a record's components, or {@code value}. */
    static Map<String, Object> fieldsOf(Object row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (row instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        } else if (row != null && row.getClass().isRecord()) {
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    fields.put(c.getName(), c.getAccessor().invoke(row));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read component " + c.getName() + " of " + row.getClass(), e);
                }
            }
        } else {
            fields.put("value", row);
        }
        return fields;
    }

    @Override
    public String toString() {
        return description();
    }

    /** Registers the file formats {@code json}, {@code csv} and {@code text} for {@code writeStream().format(...)}. */
    public abstract static class Provider implements SinkProvider {
        private final String format;

        Provider(String format) {
            this.format = format;
        }

        @Override
        public String format() {
            return format;
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            return fromOptions(format, options);
        }
    }

    /** Format {@code json}. */
    public static final class JsonProvider extends Provider {
        public JsonProvider() {
            super("json");
        }
    }

    /** Format {@code csv}. */
    public static final class CsvProvider extends Provider {
        public CsvProvider() {
            super("csv");
        }
    }

    /** Format {@code text}. */
    public static final class TextProvider extends Provider {
        public TextProvider() {
            super("text");
        }
    }
}
