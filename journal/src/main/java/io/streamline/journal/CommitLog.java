package io.streamline.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The commit log under {@code <checkpointLocation>/commits}: the record of which epochs or batches committed. */
public final class CommitLog implements AutoCloseable {

    /** Directory of the commit log inside the checkpoint location. */
    public static final String DIR_NAME = "commits";

    /**
     * Directory of the micro-batch offset log inside the checkpoint location: the write-ahead record of each
     * batch's end offsets, stored as {@link CommitRecord}s without snapshot refs.
     */
    public static final String OFFSETS_DIR_NAME = "offsets";

    private final EntryLog log;

    private CommitLog(EntryLog log) {
        this.log = log;
    }

    /**
     * Opens (creating if needed) the commit log of a checkpoint location.
     *
     * @param checkpointLocation the checkpoint directory
     * @param settings           journal settings
     * @return the open commit log
     */
    public static CommitLog open(Path checkpointLocation, JournalSettings settings) {
        return new CommitLog(EntryLog.open(checkpointLocation.resolve(DIR_NAME), settings));
    }

    /**
     * Opens (creating if needed) the micro-batch offset log of a checkpoint location.
     *
     * @param checkpointLocation the checkpoint directory
     * @param settings           journal settings
     * @return the open offset log
     */
    public static CommitLog openOffsetLog(Path checkpointLocation, JournalSettings settings) {
        return new CommitLog(EntryLog.open(checkpointLocation.resolve(OFFSETS_DIR_NAME), settings));
    }

    /**
     * Appends a commit; once this returns the commit is in the log (as durable as the OS page cache).
     *
     * @param record the commit
     */
    public void append(CommitRecord record) {
        log.append(CommitRecordCodec.encode(record));
    }

    /** @return the last complete commit, ignoring a torn tail */
    public Optional<CommitRecord> last() {
        return log.last().map(CommitRecordCodec::decode);
    }

    /** @return every commit still retained, oldest first */
    public List<CommitRecord> readAll() {
        List<CommitRecord> records = new ArrayList<>();
        log.forEach((index, payload) -> records.add(CommitRecordCodec.decode(payload)));
        return records;
    }

    /**
     * Keeps at least the last {@code count} commits reachable and deletes the whole cycle files before them.
     *
     * @param count how many of the newest commits must remain; at least 1
     */
    public void retainLast(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, as recovery needs the last commit: " + count);
        }
        log.indexFromEnd(count).ifPresent(log::retainFrom);
    }

    /** Closes the underlying queue. */
    @Override
    public void close() {
        log.close();
    }
}
