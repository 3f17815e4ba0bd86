package io.streamline.engine.sink;

import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.source.JournalRecords;
import io.streamline.journal.EntryCursor;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Appends every row to a journal (a Chronicle queue of {@link EntryLog} entries) under {@code path}, for the
 * {@code journal} source of another query to read: the natural way to chain pipelines. Rows are stored as
 * {@link JournalRecords} describes: a {@code String} as UTF-8, any other row with Java serialization (so it
 * must be {@link java.io.Serializable}; anything else stops the query with an error naming its class).
 *
 * <p>Continuous mode: each row is appended as it arrives, straight into the memory-mapped queue, so a reader
 * sees it at once and it survives a crash of this process (not of the machine). Delivery is at least once:
 * rows of an epoch that does not commit are appended again when it is replayed.
 *
 * <p>Micro-batch mode: exactly once. A batch's rows are appended at its commit, between a start and an end
 * marker with the batch id; a batch whose end marker the journal already holds is skipped, and the journal
 * source delivers a batch's rows only once its end marker is there (see {@link JournalRecords}), so a crash
 * in the middle of the append leaves nothing a reader would deliver twice.
 * Any output mode is accepted: in {@code update} or {@code complete} mode the journal is a changelog. The sink
 * is fused into the last task: an append costs about as much as a memory copy. It never deletes entries.
 */
public final class JournalSink implements StreamSink<Object> {
    /** Options this sink accepts. */
    public static final Set<String> OPTIONS = Set.of("path");

    private final Path dir;
    private final JournalSettings settings = JournalSettings.defaults();

    /** @param dir the queue's directory, created if missing */
    public JournalSink(Path dir) {
        this.dir = dir;
    }

    /** Builds the sink from string options, failing with a message that names a bad option. */
    public static JournalSink fromOptions(Options options) {
        options.requireOnly(OPTIONS);
        return new JournalSink(Path.of(options.required("path")).toAbsolutePath().normalize());
    }

    @Override
    public String format() {
        return "journal";
    }

    @Override
    public String description() {
        return "JournalSink[" + dir + "]";
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        EntryLog log = EntryLog.open(dir, settings);
        return setup.exactlyOnce() ? new BatchWriter(log) : new SinkWriter<>() {
            @Override
            public void write(Object value, RecordMeta meta) {
                log.append(JournalRecords.encode(value));
            }

            @Override
            public EpochOutput prepare(long epoch) {
                return EpochOutput.DONE; // every row is already in the queue, safe from a crash of this process
            }

            @Override
            public void close(Throwable error) {
                log.close();
            }
        };
    }

    /** Micro-batch mode: buffers a batch's rows and appends them as one bracketed group at its commit. */
    private static final class BatchWriter implements SinkWriter<Object> {
        private final EntryLog log;
        private final List<byte[]> rows = new ArrayList<>();
        private final long lastCommitted;

        BatchWriter(EntryLog log) {
            this.log = log;
            this.lastCommitted = lastBatchEnd(log);
        }

        @Override
        public void write(Object value, RecordMeta meta) {
            rows.add(JournalRecords.encode(value));
        }

        @Override
        public EpochOutput prepare(long batch) {
            if (batch > lastCommitted && !rows.isEmpty()) {
                log.append(JournalRecords.batchStart(batch));
                rows.forEach(log::append);
                log.append(JournalRecords.batchEnd(batch));
            }
            rows.clear();
            return EpochOutput.DONE;
        }

        @Override
        public void close(Throwable error) {
            log.close();
        }

        /** The id of the last batch whose end marker the journal holds, searching back from its end; -1 if none. */
        private static long lastBatchEnd(EntryLog log) {
            for (int n = 1; ; n++) {
                OptionalLong index = log.indexFromEnd(n);
                if (index.isEmpty()) {
                    return -1;
                }
                try (EntryCursor cursor = log.cursorFrom(index.getAsLong())) {
                    if (cursor.next() && JournalRecords.isBatchEnd(cursor.payload())) {
                        return JournalRecords.batchId(cursor.payload());
                    }
                }
            }
        }
    }

    /** Registers format {@code "journal"} for {@code writeStream().format(...)}. */
    public static final class Provider implements SinkProvider {
        @Override
        public String format() {
            return "journal";
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            return fromOptions(options);
        }
    }
}
