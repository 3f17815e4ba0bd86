package io.streamline.engine.source;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.journal.EntryLog;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal the {@code journal} sink wrote, delivering only committed output: plain rows at once (skipping the
 * continuous sink's position entries among them), and the rows between a batch's start and end markers only when its
 * end marker arrives; a group that a crash cut short (a start, some rows, then the same batch's start again) is
 * dropped. The offset is the position after the last entry read whose rows were all delivered, so a restart never
 * resumes inside a batch.
 *
 * <p>Offsets are Chronicle indices of entries, but a micro-batch is planned in rows: {@link #availableOffset} counts
 * only the rows the reader will emit and ends a batch just after a row or a batch end that delivers some, so entries
 * that deliver nothing (position entries, an empty or cut-short group) are read in passing by the batch whose rows
 * follow them, and reading up to a planned end emits exactly the rows counted for it.
 */
final class CommittedJournalReader implements SourceReader<Object> {
    private final EntryLog log;
    private final JournalTail tail;
    private final String what;
    private final List<Object> groupRows = new ArrayList<>();
    private final List<Long> groupIndexes = new ArrayList<>();
    private boolean inGroup;
    private long group;
    private String delivered;

    CommittedJournalReader(EntryLog log, String position, String what) {
        this.log = log;
        this.what = what;
        this.tail = new JournalTail(log, position, what);
        this.delivered = tail.position();
    }

    @Override
    public int poll(SourceOutput<Object> out, int maxRecords) {
        return read(out, maxRecords, Long.MAX_VALUE);
    }

    @Override
    public int pollUntil(SourceOutput<Object> out, int maxRecords, String endOffset) {
        return read(out, maxRecords, JournalTail.lastIndexOf(endOffset));
    }

    private int read(SourceOutput<Object> out, int maxRecords, long lastIndex) {
        int emitted = 0;
        while (emitted < maxRecords && tail.nextUpTo(lastIndex)) {
            byte[] entry = tail.payload();
            if (JournalRecords.isMarker(entry, JournalRecords.BATCH_START)) {
                inGroup = true; // a repeated start means the previous attempt of this batch was cut short
                group = JournalRecords.batchId(entry);
                groupRows.clear();
                groupIndexes.clear();
            } else if (JournalRecords.isBatchEnd(entry)) {
                if (inGroup && group == JournalRecords.batchId(entry)) {
                    for (int i = 0; i < groupRows.size(); i++) {
                        out.emit(groupRows.get(i), groupIndexes.get(i), System.nanoTime(), RecordMeta.NO_EVENT_TIME);
                    }
                    emitted += groupRows.size();
                }
                inGroup = false;
                groupRows.clear();
                groupIndexes.clear();
                delivered = tail.position();
            } else if (JournalRecords.isPosition(entry)) {
                if (!inGroup) {
                    delivered = tail.position(); // a continuous sink's bookkeeping, no row
                }
            } else if (inGroup) {
                groupRows.add(JournalRecords.decode(entry, tail.index()));
                groupIndexes.add(tail.index());
            } else {
                out.emit(JournalRecords.decode(entry, tail.index()), tail.index(), System.nanoTime(), RecordMeta.NO_EVENT_TIME);
                emitted++;
                delivered = tail.position();
            }
        }
        return emitted;
    }

    /**
     * The end of a micro-batch of at most {@code maxRecords} rows among the entries available now: the position after
     * its last row, or after the end marker of its last bracketed batch. A bracketed batch is delivered whole, so one
     * with more rows than {@code maxRecords} makes a micro-batch on its own (the engine's batches always advance).
     * Mirrors {@link #read}'s handling of every kind of entry.
     */
    @Override
    public String availableOffset(long maxRecords) {
        String end = delivered;
        long rows = 0;
        try (JournalTail ahead = new JournalTail(log, delivered, what)) {
            boolean grouped = false;
            long groupId = 0;
            long groupRows = 0;
            while (rows < maxRecords && ahead.next()) {
                byte[] entry = ahead.payload();
                if (JournalRecords.isMarker(entry, JournalRecords.BATCH_START)) {
                    grouped = true;
                    groupId = JournalRecords.batchId(entry);
                    groupRows = 0;
                } else if (JournalRecords.isBatchEnd(entry)) {
                    boolean delivers = grouped && groupId == JournalRecords.batchId(entry) && groupRows > 0;
                    grouped = false;
                    if (delivers) {
                        if (rows > 0 && rows + groupRows > maxRecords) {
                            break; // the group is the next micro-batch's
                        }
                        rows += groupRows;
                        end = ahead.position();
                    }
                } else if (JournalRecords.isPosition(entry)) {
                    continue; // no row: read in passing by the batch of the rows after it
                } else if (grouped) {
                    groupRows++;
                } else {
                    rows++;
                    end = ahead.position();
                }
            }
        }
        return end;
    }

    @Override
    public int compareOffsets(String a, String b) {
        return JournalTail.compare(a, b);
    }

    @Override
    public String offset() {
        return delivered;
    }

    @Override
    public void close() {
        tail.close();
        log.close();
    }
}
