package io.streamline.engine.sink;

import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.RecordPosition;
import io.streamline.engine.source.JournalRecords;
import io.streamline.journal.EntryCursor;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
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
 * <p>Continuous mode: exactly once, each row appended as it arrives, straight into the memory-mapped queue, so a
 * reader sees it at once and it survives a crash of this process (not of the machine). At the end of every epoch
 * that appended rows, and before the first row a run appends, the sink appends a position entry (the epoch, the
 * {@link RecordPosition#sequence()} after its last row, the query's id; readers skip it). After a crash the query
 * replays the epochs after its last commit with the same rows; the restarted sink reads its last position entry and
 * the rows after it back ({@link JournalSinkProgress}) and drops every replayed row the journal already holds, by its
 * sequence (below the entry's, plus the rows after it): whole epochs, and of the epoch that was in flight the rows the
 * crash left, while the ones it had not reached are appended. Rows can be ahead of
 * the query's commit log (a reader may see rows of an epoch the query had not committed yet, which it never takes
 * back), but never twice. Within the epoch that was in flight this needs stable positions, which the sink's input has
 * when it comes from one source partition through its fused chain; where several inputs merge in front of the sink
 * (see {@link RecordPosition}) a row of that epoch could be dropped and another appended twice, and only the epochs
 * before it stay exact. The query must be the journal's only writer while it runs.
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
    private static final Logger LOG = LoggerFactory.getLogger(JournalSink.class);

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
        return setup.exactlyOnce() ? new BatchWriter(log) : new ContinuousWriter(log, setup.queryId());
    }

    /**
     * Continuous mode: appends each row as it arrives, and position entries by which a restart knows what the journal
     * already holds (see the class comment).
     */
    private static final class ContinuousWriter implements SinkWriter<Object> {
        private final EntryLog log;
        private final byte[] queryId;
        /** What the journal held of this query when the writer opened: replayed rows it already has are dropped. */
        private final JournalSinkProgress held;
        /** Whether this run appended its first position entry, ahead of its first row. */
        private boolean appending;
        private boolean rowsInEpoch;
        private long nextSequence;

        ContinuousWriter(EntryLog log, String queryId) {
            this.log = log;
            this.queryId = queryId.getBytes(StandardCharsets.UTF_8);
            this.held = JournalSinkProgress.read(log, queryId);
            if (held.nextSequence() > 0) {
                LOG.info("The journal {} holds this query's rows through epoch {} and up to sequence {} ({} of the epoch"
                        + " after it); replayed rows it holds are not appended again", log.dir(), held.lastEpoch(),
                        held.nextSequence(), held.rowsAfterMarker());
            }
        }

        @Override
        public void write(Object value, RecordMeta meta) {
            RecordPosition position = meta.position();
            if (held.holds(position.sequence())) {
                return;
            }
            byte[] row = JournalRecords.encode(value); // a row that cannot be stored fails before anything is appended
            if (!appending) {
                // Rows after this entry are this run's: a restart counts them from here.
                log.append(JournalRecords.position(queryId, position.epoch() - 1, position.sequence()));
                appending = true;
            }
            log.append(row);
            nextSequence = position.sequence() + 1;
            rowsInEpoch = true;
        }

        @Override
        public EpochOutput prepare(long epoch) {
            if (rowsInEpoch) {
                log.append(JournalRecords.position(queryId, epoch, nextSequence));
                rowsInEpoch = false;
            }
            return EpochOutput.DONE; // every row is already in the queue, safe from a crash of this process
        }

        @Override
        public void close(Throwable error) {
            log.close();
        }
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
