package io.streamline.engine.source;

import io.streamline.engine.connector.SourceProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Spark's file source for formats {@code text}, {@code csv} and {@code json}: reads the files that appear in
 * the directory {@code path} (not its subdirectories), each once, line by line.
 *
 * <h2>Rows</h2>
 * {@code text}: a {@code String} per line. {@code csv}: a {@code Map<String, String>} per line in column
 * order; with {@code header} (default {@code true}) each file's first non-blank line names the columns,
 * otherwise they are {@code _c0, _c1, ...}; {@code sep} (default {@code ,}); RFC 4180 quotes, one record per
 * line. {@code json}: JSON lines, a {@code Map<String, Object>} (read by Jackson) per line. Lines are UTF-8.
 *
 * <h2>Which files, in which order</h2>
 * New files are found by listing the directory at most every {@code pollInterval} (default 100 ms) once the
 * files already taken are read. They are taken in order of modification time (ties by name), or by name with
 * {@code fileOrder=name}; {@code latestFirst} reverses the order, so that with a backlog the newest files
 * come first; {@code maxFilesPerTrigger} caps how many files one listing takes (in continuous mode a listing
 * is the trigger; a micro-batch takes at most that many files), the rest wait for the next. Files whose names start with {@code .} or {@code _} are
 * ignored, and so are directories.
 *
 * <p><b>Files still being written.</b> A file is read as soon as a listing sees it, so it must be complete
 * when it appears: write it elsewhere on the same file system (or under a name starting with {@code .} or
 * {@code _} in the directory) and move it in with an atomic rename. A file that changes after it was taken
 * is not read again, and a file that disappears before it is read stops the query.
 *
 * <h2>Fault tolerance</h2>
 * Every file taken is first appended to the source's processed-files log, a journal under
 * {@code <checkpointLocation>/sources/<sourceKey>}, giving it a sequence number. The source's offset is
 * {@code <file sequence number>:<line within the file>}. On restart, files before the committed one are never
 * read again, the committed one resumes at the committed line, files taken but not committed are read again
 * from their first line in the same order, and any file not in the log is new: none is skipped. A file is
 * known by its absolute path, or with {@code fileNameOnly=true} by its name alone (so moving the directory
 * does not make old files look new). The log keeps one small entry per file for the life of the query.
 *
 * <h2>Malformed lines</h2>
 * A line that is not valid UTF-8 (for {@code csv} and {@code json}, or {@code text} outside PERMISSIVE), a
 * CSV line with the wrong number of fields or an unclosed quote, or a JSON line that is not one object follows
 * {@code mode}: {@code PERMISSIVE} (default) keeps it as a row holding the raw line in the column named by
 * {@code columnNameOfCorruptRecord} (default {@code _corrupt_record}; for {@code text}, bad bytes become
 * U+FFFD); {@code DROPMALFORMED} drops it, counts it ({@link #malformedRecords()}) and logs a warning naming
 * file and line; {@code FAILFAST} stops the query with a {@link MalformedRecordException} naming the file, the
 * line and the problem.
 *
 * <p>Files are read by the task thread itself, a bounded number of lines per poll: local files are served
 * from the page cache; a source directory on a slow network file system would stall the task.
 */
public final class FileSource<T> implements StreamSource<T> {
    /** Options every file format accepts. */
    public static final Set<String> OPTIONS = Set.of("path", "maxFilesPerTrigger", "latestFirst", "fileNameOnly",
            "fileOrder", "pollInterval", "mode", "columnNameOfCorruptRecord");
    /** Options only {@code csv} accepts. */
    public static final Set<String> CSV_OPTIONS = Set.of("header", "sep");
    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE_BYTES = 64 << 20;
    private static final int WARNINGS_PER_FILE = 10;

    private final String format;
    private final Path dir;
    private final int maxFilesPerTrigger;
    private final boolean latestFirst;
    private final boolean fileNameOnly;
    private final boolean byName;
    private final Duration pollInterval;
    private final ParseMode mode;
    private final String corruptColumn;
    private final boolean header;
    private final char sep;
    private final JournalSettings settings = JournalSettings.defaults();
    private final AtomicLong malformed = new AtomicLong();

    private FileSource(String format, Path dir, int maxFilesPerTrigger, boolean latestFirst, boolean fileNameOnly,
                       boolean byName, Duration pollInterval, ParseMode mode, String corruptColumn, boolean header, char sep) {
        this.format = format;
        this.dir = dir;
        this.maxFilesPerTrigger = maxFilesPerTrigger;
        this.latestFirst = latestFirst;
        this.fileNameOnly = fileNameOnly;
        this.byName = byName;
        this.pollInterval = pollInterval;
        this.mode = mode;
        this.corruptColumn = corruptColumn;
        this.header = header;
        this.sep = sep;
    }

    /**
     * Builds the source of {@code format} ({@code text}, {@code csv} or {@code json}) from string options,
     * failing with a message that names a bad option. The directory must exist.
     */
    public static <T> FileSource<T> fromOptions(String format, Options options) {
        String f = format.toLowerCase(Locale.ROOT);
        String owner = "source '" + f + "'";
        Set<String> accepted = new HashSet<>(OPTIONS);
        if (f.equals("csv")) {
            accepted.addAll(CSV_OPTIONS);
        } else if (!f.equals("text") && !f.equals("json")) {
            throw new IllegalArgumentException("Unknown file format '" + format + "'; accepted: text, csv, json");
        }
        options.requireOnly(accepted);
        Path dir = Path.of(options.required("path")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Option 'path' of " + owner + " must name an existing directory, got '"
                    + options.string("path", "") + "'" + (Files.exists(dir) ? " (a file)" : " (does not exist)"));
        }
        long maxFiles = options.positiveLong("maxFilesPerTrigger", Integer.MAX_VALUE);
        String order = options.string("fileOrder", "modificationTime");
        if (!order.equalsIgnoreCase("modificationTime") && !order.equalsIgnoreCase("name")) {
            throw new IllegalArgumentException("Option 'fileOrder' of " + owner + " must be modificationTime or name, got '" + order + "'");
        }
        String sep = options.string("sep", ",");
        if (sep.length() != 1 || sep.charAt(0) == '"' || sep.charAt(0) == '\n' || sep.charAt(0) == '\r') {
            throw new IllegalArgumentException("Option 'sep' of " + owner + " must be one character other than a quote"
                    + " or a line break, got '" + sep + "'");
        }
        String corrupt = options.string("columnNameOfCorruptRecord", "_corrupt_record");
        if (corrupt.isBlank()) {
            throw new IllegalArgumentException("Option 'columnNameOfCorruptRecord' of " + owner + " must not be blank");
        }
        return new FileSource<>(f, dir, (int) Math.min(maxFiles, Integer.MAX_VALUE), options.bool("latestFirst", false),
                options.bool("fileNameOnly", false), order.equalsIgnoreCase("name"),
                options.duration("pollInterval", Duration.ofMillis(100)),
                ParseMode.of(owner, options.string("mode", "PERMISSIVE")), corrupt, options.bool("header", true), sep.charAt(0));
    }

    /** Malformed lines dropped so far in mode {@code DROPMALFORMED} by this source's readers. */
    public long malformedRecords() {
        return malformed.get();
    }

    /** Reports the malformed rows dropped so far as {@code numDroppedMalformedRows}. */
    @Override
    public Map<String, String> metrics() {
        return Map.of("numDroppedMalformedRows", Long.toString(malformed.get()));
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public String description() {
        return "FileStreamSource[" + format + ", " + dir + ", mode=" + mode
                + (maxFilesPerTrigger < Integer.MAX_VALUE ? ", maxFilesPerTrigger=" + maxFilesPerTrigger : "")
                + (latestFirst ? ", latestFirst" : "") + "]";
    }

    @Override
    public int partitions() {
        return 1;
    }

    /** Without a context there is no checkpoint to keep the processed-files log in. */
    @Override
    public SourceReader<T> openPartition(int partition, String startOffset) {
        throw new IllegalStateException("The " + format + " file source keeps a processed-files log under the query's"
                + " checkpoint location; open it through a query");
    }

    @Override
    public boolean supportsMicroBatch() {
        return true;
    }

    @Override
    public SourceReader<T> openPartition(int partition, String startOffset, SourceContext context) {
        EntryLog log = EntryLog.open(context.dirFor("sources"), settings);
        try {
            return new Reader(log, startOffset, context.sourceKey());
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private RowParser newParser() {
        return switch (format) {
            case "csv" -> new RowParser.Csv(header, sep, corruptColumn);
            case "json" -> new RowParser.Json(corruptColumn);
            default -> new RowParser.Text();
        };
    }

    /** An entry of the processed-files log. */
    record FileEntry(long seq, String path, String name, long size, long modified) {
    }

    private final class Reader implements SourceReader<T> {
        private final EntryLog log;
        private final String sourceKey;
        private final List<FileEntry> files = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final RowParser parser = newParser();
        private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private long nextListing;
        private int seq;
        private long line;
        private long skipLines;
        private InputStream in;
        private LineReader lines;
        private long warned;

        Reader(EntryLog log, String startOffset, String sourceKey) {
            this.log = log;
            this.sourceKey = sourceKey;
            log.forEach((index, payload) -> {
                FileEntry entry = read(payload);
                if (entry.seq() != files.size()) {
                    throw new IllegalStateException("The processed-files log " + log.dir() + " is out of order: entry "
                            + entry.seq() + " where " + files.size() + " was expected");
                }
                files.add(entry);
                seen.add(key(entry.path(), entry.name()));
            });
            if (startOffset != null) {
                long[] parsed = parseOffset(startOffset);
                seq = (int) parsed[0];
                skipLines = parsed[1];
                if (seq > files.size()) {
                    throw new IllegalStateException("The committed offset " + startOffset + " of the " + format + " source "
                            + sourceKey + " names file #" + seq + ", but its processed-files log " + log.dir() + " lists only "
                            + files.size() + " files: the log was lost or replaced");
                }
            }
            line = skipLines;
        }

        /** {@code <file sequence number>:<line>} as two numbers. */
        private long[] parseOffset(String offset) {
            int colon = offset.indexOf(':');
            try {
                return new long[]{Integer.parseInt(offset.substring(0, colon)), Long.parseLong(offset.substring(colon + 1))};
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Unrecognised offset '" + offset + "' of the " + format
                        + " source " + sourceKey + "; expected <file sequence number>:<line>", e);
            }
        }

        private String key(String path, String name) {
            return fileNameOnly ? name : path;
        }

        @Override
        public int poll(SourceOutput<T> out, int maxRecords) {
            return readLines(out, maxRecords, Integer.MAX_VALUE, 0);
        }

        /**
         * Micro-batches end at a file boundary: the end offset is the start of the file after the last one the
         * batch takes, at most {@code maxFilesPerTrigger} files (counting a partly read one) past the current
         * position. New files are logged in the processed-files log as they are taken, as in continuous mode.
         */
        @Override
        public String availableOffset(long maxRecords) {
            return endOffset(maxFilesPerTrigger);
        }

        /**
         * Everything in the directory now, whatever the poll interval and however far the current file is read
         * ({@code availableNow}, {@code processAllAvailable()}): the start of the file after the last one listed.
         */
        @Override
        public String latestOffset() {
            try {
                listNewFiles(Integer.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " source cannot list " + dir, e);
            }
            return files.size() > seq ? files.size() + ":0" : offset();
        }

        private String endOffset(int maxFiles) {
            try {
                if (seq == files.size()) {
                    takeNewFiles(maxFiles);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " source cannot list " + dir, e);
            }
            int end = (int) Math.min(files.size(), (long) seq + maxFiles);
            return end > seq ? end + ":0" : offset();
        }

        /**
         * Reads up to {@code endOffset}: a micro-batch's end is the start of a file, a continuous epoch replayed after
         * a crash can end within one (its marker came between two lines).
         */
        @Override
        public int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
            long[] end = parseOffset(endOffset);
            return readLines(out, maxRecords, end[0], end[1]);
        }

        @Override
        public int compareOffsets(String a, String b) {
            long[] x = parseOffset(a);
            long[] y = parseOffset(b);
            return x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
        }

        /** Reads up to {@code maxRecords} lines before line {@code endLine} of file number {@code endSeq}. */
        private int readLines(SourceOutput<T> out, int maxRecords, long endSeq, long endLine) {
            int emitted = 0;
            int budget = maxRecords;
            try {
                while (budget > 0) {
                    if (seq > endSeq || seq == endSeq && line >= endLine) {
                        break;
                    }
                    if (lines == null) {
                        if (seq == files.size() && !takeNewFiles(maxFilesPerTrigger)) {
                            break;
                        }
                        openFile();
                    }
                    if (!lines.next()) {
                        closeFile();
                        seq++;
                        line = 0;
                        continue;
                    }
                    budget--;
                    long lineNo = line++;
                    Object row = rowOf(lineNo);
                    if (row != null) {
                        @SuppressWarnings("unchecked")
                        T value = (T) row;
                        out.emit(value, ((long) seq << 32) | (lineNo & 0xffffffffL), System.nanoTime(), RecordMeta.NO_EVENT_TIME);
                        emitted++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The " + format + " source cannot read " + current(), e);
            }
            return emitted;
        }

        private Object rowOf(long lineNo) {
            String text;
            try {
                text = decode(mode == ParseMode.PERMISSIVE && format.equals("text"));
            } catch (CharacterCodingException e) {
                return malformed(lineNo, new String(lines.buffer(), 0, lines.length(), StandardCharsets.UTF_8),
                        "not valid UTF-8", e);
            }
            try {
                return parser.parse(text);
            } catch (IllegalArgumentException e) {
                return malformed(lineNo, text, e.getMessage(), e);
            }
        }

        private String decode(boolean lenient) throws CharacterCodingException {
            if (lenient) {
                return new String(lines.buffer(), 0, lines.length(), StandardCharsets.UTF_8);
            }
            return strict.decode(ByteBuffer.wrap(lines.buffer(), 0, lines.length())).toString();
        }

        private Object malformed(long lineNo, String text, String problem, Exception cause) {
            String where = current() + " line " + (lineNo + 1);
            switch (mode) {
                case FAILFAST -> throw new MalformedRecordException("Malformed " + format + " record in " + where + ": "
                        + problem + " (mode FAILFAST; mode DROPMALFORMED drops such lines, PERMISSIVE keeps them in "
                        + corruptColumn + ")", cause);
                case DROPMALFORMED -> {
                    long n = malformed.incrementAndGet();
                    if (warned++ < WARNINGS_PER_FILE) {
                        LOG.warn("Dropped malformed {} record in {}: {} ({} dropped by this source so far)", format, where, problem, n);
                    }
                    return null;
                }
                default -> {
                    return parser.corrupt(text);
                }
            }
        }

        private String current() {
            return seq < files.size() ? files.get(seq).path() : dir.toString();
        }

        /** Lists the directory if due; appends up to {@code maxFiles} new files to the log before reading them. */
        private boolean takeNewFiles(int maxFiles) throws IOException {
            return System.nanoTime() - nextListing >= 0 && listNewFiles(maxFiles);
        }

        /** Lists the directory and takes up to {@code maxFiles} files not seen before; the next poll listing waits. */
        private boolean listNewFiles(int maxFiles) throws IOException {
            nextListing = System.nanoTime() + pollInterval.toNanos();
            List<FileEntry> fresh = new ArrayList<>();
            try (Stream<Path> listing = Files.list(dir)) {
                for (Path p : (Iterable<Path>) listing::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") || name.startsWith("_")) {
                        continue;
                    }
                    String path = p.toAbsolutePath().normalize().toString();
                    if (seen.contains(key(path, name))) {
                        continue;
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(p, BasicFileAttributes.class);
                    } catch (NoSuchFileException gone) {
                        continue; // moved away between listing and looking: never taken
                    }
                    if (attrs.isRegularFile()) {
                        fresh.add(new FileEntry(-1, path, name, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                }
            }
            if (fresh.isEmpty()) {
                return false;
            }
            Comparator<FileEntry> order = byName ? Comparator.comparing(FileEntry::name)
                    : Comparator.comparingLong(FileEntry::modified).thenComparing(FileEntry::name);
            fresh.sort(latestFirst ? order.reversed() : order);
            for (FileEntry f : fresh.subList(0, Math.min(fresh.size(), maxFiles))) {
                FileEntry entry = new FileEntry(files.size(), f.path(), f.name(), f.size(), f.modified());
                log.append(JSON.writeValueAsBytes(entry)); // logged before it is read: a restart re-reads, never skips
                files.add(entry);
                seen.add(key(entry.path(), entry.name()));
            }
            return true;
        }

        private void openFile() throws IOException {
            FileEntry entry = files.get(seq);
            try {
                in = Files.newInputStream(Path.of(entry.path()));
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("The " + format + " source took file #" + seq + " " + entry.path()
                        + " but it is gone before it was read; files must stay in " + dir + " until processed", e);
            }
            lines = new LineReader(in, MAX_LINE_BYTES, 0);
            parser.startFile();
            warned = 0;
            for (long skipped = 0; skipped < skipLines; skipped++) {
                if (!lines.next()) {
                    LOG.warn("{} has fewer lines ({}) than were committed ({}): it changed after it was read",
                            entry.path(), skipped, skipLines);
                    break;
                }
                try {
                    parser.replay(decode(true));
                } catch (CharacterCodingException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            skipLines = 0;
        }

        private void closeFile() throws IOException {
            lines = null;
            if (in != null) {
                in.close();
                in = null;
            }
        }

        @Override
        public String offset() {
            return seq + ":" + line;
        }

        @Override
        public void close() {
            try {
                closeFile();
            } catch (IOException e) {
                LOG.warn("Cannot close {}", current(), e);
            }
            log.close();
        }
    }

    private static FileEntry read(byte[] payload) {
        try {
            return JSON.readValue(payload, FileEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable entry in a processed-files log", e);
        }
    }

    @Override
    public String toString() {
        return description();
    }

    /** Registers the file formats {@code text}, {@code csv} and {@code json} for {@code readStream().format(...)}. */
    public abstract static class Provider implements SourceProvider {
        private final String format;

        Provider(String format) {
            this.format = format;
        }

        @Override
        public String format() {
            return format;
        }

        @Override
        public StreamSource<?> create(Options options) {
            return fromOptions(format, options);
        }
    }

    /** Format {@code text}. */
    public static final class TextProvider extends Provider {
        public TextProvider() {
            super("text");
        }
    }

    /** Format {@code csv}. */
    public static final class CsvProvider extends Provider {
        public CsvProvider() {
            super("csv");
        }
    }

    /** Format {@code json}. */
    public static final class JsonProvider extends Provider {
        public JsonProvider() {
            super("json");
        }
    }
}
