package io.streamline.journal;

import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The state snapshots of one operator under {@code <checkpointLocation>/state/<operatorId>}: one snapshot per
 * committed epoch, written as key/value entries packed into chunks of at most 64 KiB (a key or value may span
 * chunks, so its size is unlimited), then a trailer with the entry count and a checksum, so that an unfinished or
 * damaged snapshot is refused instead of restored.
 */
public final class SnapshotStore implements AutoCloseable {

    /** Directory holding the snapshot stores inside the checkpoint location. */
    public static final String DIR_NAME = "state";

    private static final Pattern OPERATOR_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private final EntryLog log;

    private SnapshotStore(EntryLog log) {
        this.log = log;
    }

    /**
     * Opens (creating if needed) the snapshot store of one operator.
     *
     * @param checkpointLocation the checkpoint directory
     * @param operatorId         names the operator's directory: letters, digits, '_', '-' and '.'
     * @param settings           journal settings
     * @return the open store
     */
    public static SnapshotStore open(Path checkpointLocation, String operatorId, JournalSettings settings) {
        if (!OPERATOR_ID.matcher(operatorId).matches() || operatorId.equals(".") || operatorId.equals("..")) {
            throw new IllegalArgumentException("operatorId must be a plain directory name of letters, digits,"
                    + " '_', '-' and '.': '" + operatorId + "'");
        }
        return new SnapshotStore(EntryLog.open(checkpointLocation.resolve(DIR_NAME).resolve(operatorId), settings));
    }

    /**
     * Starts the snapshot of an epoch; it is readable once its writer's {@link SnapshotWriter#finish()} returned.
     *
     * @param epoch the epoch whose state is written
     * @return the writer, for one thread
     */
    public SnapshotWriter begin(long epoch) {
        return new ChunkedSnapshotWriter(log, epoch);
    }

    /**
     * Reads the snapshot whose ref {@link SnapshotWriter#finish()} returned, calling {@code visitor} for each entry
     * in written order. The checksum is known only at the end, so on failure the visitor may already have seen
     * entries; the caller must then discard what it restored.
     *
     * @param ref     the snapshot's ref
     * @param visitor receives the entries
     * @return the epoch stored in the snapshot
     * @throws CorruptSnapshotException if the snapshot is missing, incomplete or fails its checksum
     */
    public long read(long ref, SnapshotVisitor visitor) {
        try (EntryCursor cursor = log.cursorFrom(ref)) {
            if (!cursor.next() || cursor.index() != ref || !SnapshotFormat.isHeader(cursor.payload())) {
                throw corrupt(ref, "no snapshot header is at this ref (its entry is missing or damaged)");
            }
            long epoch = SnapshotFormat.epochOf(cursor.payload());
            ChunkInput in = new ChunkInput(cursor, why -> corrupt(ref, why));
            long entryCount = 0;
            while (in.hasMore()) {
                byte[] key = in.readField();
                visitor.entry(key, in.readField());
                entryCount++;
            }
            verify(ref, in.trailer(), entryCount, in.checksum());
            return epoch;
        } catch (NoSuchElementException e) {
            throw corrupt(ref, "no such entry exists (deleted by retention, or never written)");
        }
    }

    /**
     * Deletes the files that lie wholly before the one holding {@code ref}; that snapshot and newer ones remain.
     *
     * @param ref the oldest snapshot still needed
     */
    public void retainFrom(long ref) {
        log.retainFrom(ref);
    }

    /** Closes the underlying queue. */
    @Override
    public void close() {
        log.close();
    }

    private void verify(long ref, byte[] trailer, long entryCount, int checksum) {
        long expectedCount = SnapshotFormat.entryCountOf(trailer);
        int expectedChecksum = SnapshotFormat.checksumOf(trailer);
        if (expectedCount != entryCount || expectedChecksum != checksum) {
            throw corrupt(ref, "it fails its check: trailer says " + expectedCount + " entries with checksum "
                    + Integer.toHexString(expectedChecksum) + ", read " + entryCount + " entries with checksum "
                    + Integer.toHexString(checksum));
        }
    }

    private CorruptSnapshotException corrupt(long ref, String why) {
        return new CorruptSnapshotException("Snapshot 0x" + Long.toHexString(ref) + " in " + log.dir()
                + " cannot be restored: " + why);
    }
}
