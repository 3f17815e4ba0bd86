package io.streamline.engine.sink;

import io.streamline.engine.source.JournalRecords;
import io.streamline.journal.EntryCursor;
import io.streamline.journal.EntryLog;

import java.nio.charset.StandardCharsets;

/**
 * What a journal holds of one query's continuous output, read back from its end: the last position entry that query's
 * {@link JournalSink} appended (see {@link JournalRecords}) and the rows after it, which belong to the epoch that was in
 * flight when the query stopped or crashed. A restarted sink drops every replayed row this says the journal holds.
 *
 * <p>It assumes the query is the journal's only writer while it runs: rows after a position entry belong to the query
 * that wrote the entry (each run of a sink appends one before its first row), so a journal that another query wrote
 * to before or after is read correctly, but not one two queries append to at once.
 *
 * @param lastEpoch       the epoch of that position entry, -1 if none: for the log only, since the epoch a row gets can
 *                        change across a crash (see {@link #holds})
 * @param nextSequence    every row whose position's sequence lies below this is in the journal; 0 if none is
 * @param rowsAfterMarker how many of those rows follow the last position entry: the in-flight epoch's rows that were
 *                        written before the crash
 */
public record JournalSinkProgress(long lastEpoch, long nextSequence, long rowsAfterMarker) {
    /** Nothing of the query in the journal. */
    public static final JournalSinkProgress NONE = new JournalSinkProgress(-1, 0, 0);

    /**
     * Reads {@code log} back from its end to the last position entry of query {@code queryId}, counting the rows
     * after it; other queries' position entries reset the count (the rows after them are theirs).
     */
    public static JournalSinkProgress read(EntryLog log, String queryId) {
        byte[] id = queryId.getBytes(StandardCharsets.UTF_8);
        long rows = 0;
        try (EntryCursor cursor = log.cursorFromEnd()) {
            while (cursor.next()) {
                byte[] entry = cursor.payload();
                if (JournalRecords.isPositionOf(entry, id)) {
                    return new JournalSinkProgress(JournalRecords.positionEpoch(entry),
                            JournalRecords.positionSequence(entry) + rows, rows);
                }
                if (JournalRecords.isPosition(entry)) {
                    rows = 0;
                } else if (JournalRecords.isRow(entry)) {
                    rows++;
                }
            }
        }
        return NONE;
    }

    /**
     * Whether the journal already holds the row with this {@link io.streamline.engine.operator.RecordPosition#sequence()}.
     * Decided by the sequence alone: it is the same in every run, while the epoch is not. The sink writes an epoch's
     * position entry when the epoch's marker reaches it, which can be before the committer logged the epoch's
     * boundaries ahead; a crash between the two leaves the epoch unlogged, and the restart closes an epoch of the same
     * id at another record, so the rows it holds past the entry's sequence are not in the journal yet.
     */
    boolean holds(long sequence) {
        return sequence < nextSequence;
    }
}
