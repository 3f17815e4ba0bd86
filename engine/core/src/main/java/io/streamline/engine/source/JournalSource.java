package io.streamline.engine.source;

import io.streamline.engine.connector.SourceProvider;
import io.streamline.engine.config.Options;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a journal (a Chronicle queue of {@link EntryLog} entries) that the {@code journal} sink of another
 * query, in this process or another, writes under {@code path}: the natural way to chain pipelines. Rows are
 * what the sink was given ({@link JournalRecords}). One partition; the offset is the Chronicle index of the
 * last entry read ({@code after:<index>}), so the source replays exactly from any committed position while
 * the entries are retained. Polling never blocks: an entry is visible as soon as the writer appended it.
 *
 * <p>The journal holds entries that are not rows: the continuous sink's position entries, the micro-batch sink's
 * batch markers. They are never emitted and never counted: {@code maxRecordsPerTrigger} counts rows, and a
 * micro-batch ends just after a row or a complete bracketed batch, so every batch planned holds rows and reading to
 * its end delivers exactly them (a bracketed batch is delivered whole, in one micro-batch even if it is larger).
 *
 * <p>{@code startingIndex} (used only when the query has no committed offset, as Spark's
 * {@code startingOffsets}): {@code earliest} (default, the first entry the queue holds), {@code latest}
 * (only entries appended after the query starts) or a Chronicle index (the entry with that index and those
 * after it; an index not written yet is waited for). A {@code path} that does not exist fails the query's
 * {@code start()}, since it is most often a typo; with {@code waitForPath=true} the directory is created and the
 * query waits for a writer, so the reading query may start before the writing one. This source never deletes
 * entries: retention belongs to the writer.
 */
public final class JournalSource extends RecordLimitedSource<Object> {
    /** Options this source accepts. */
    public static final Set<String> OPTIONS = Set.of("path", "startingIndex", "maxRecordsPerTrigger", "waitForPath");

    private final Path dir;
    private final String startingIndex;
    private final JournalSettings settings = JournalSettings.defaults();

    /**
     * @param dir                  the queue's directory
     * @param startingIndex        {@code earliest}, {@code latest} or a Chronicle index
     * @param maxRecordsPerTrigger micro-batch limit: rows per batch (entries that are not rows do not count)
     */
    public JournalSource(Path dir, String startingIndex, long maxRecordsPerTrigger) {
        super(maxRecordsPerTrigger);
        this.dir = dir;
        this.startingIndex = startingIndex;
    }

    /** Builds the source from string options, failing with a message that names a bad option. */
    public static JournalSource fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        Path dir = Path.of(options.required("path")).toAbsolutePath().normalize();
        if (!options.bool("waitForPath", false) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Option 'path' of source 'journal': there is no journal at " + dir
                    + " (no such directory). Start the query that writes it first, correct the path, or set option"
                    + " waitForPath=true to create the directory and wait for a writer");
        }
        String start = options.string("startingIndex", "earliest").trim();
        if (!start.equalsIgnoreCase("earliest") && !start.equalsIgnoreCase("latest")) {
            try {
                if (Long.parseLong(start) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Option 'startingIndex' of source 'journal' must be earliest, latest or"
                        + " a Chronicle index (a whole number >= 0), got '" + start + "'");
            }
        }
        return new JournalSource(dir, start.toLowerCase(), options.positiveLong("maxRecordsPerTrigger", Long.MAX_VALUE));
    }


    @Override
    public String format() {
        return "journal";
    }

    @Override
    public String description() {
        return "JournalSource[" + dir + ", startingIndex=" + startingIndex + "]";
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public SourceReader<Object> openPartition(int partition, String startOffset) {
        EntryLog log = EntryLog.open(dir, settings);
        try {
            String position = startOffset != null ? startOffset : initialPosition(log);
            return new CommittedJournalReader(log, position, "the journal at " + dir);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private String initialPosition(EntryLog log) {
        return switch (startingIndex) {
            case "earliest" -> JournalTail.EARLIEST;
            case "latest" -> {
                OptionalLong last = log.indexFromEnd(1);
                yield last.isPresent() ? "after:" + last.getAsLong() : JournalTail.EARLIEST;
            }
            default -> JournalTail.from(Long.parseLong(startingIndex));
        };
    }

    @Override
    public String toString() {
        return description();
    }

    /** Registers format {@code "journal"} for {@code readStream().format(...)}. */
    public static final class Provider implements SourceProvider {
        @Override
        public String format() {
            return "journal";
        }

        @Override
        public StreamSource<?> create(Options options) {
            return fromOptions(options);
        }
    }
}
