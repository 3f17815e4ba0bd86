package io.streamline.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Append-only log of {@code byte[]} entries in a Chronicle queue. Each entry is stored with its length and a
 * checksum, so a torn or corrupt tail left by a crash is recognised and ignored, and a new appender after the
 * crash continues behind it.
 *
 * <p>An append that finds the disk full fails with a {@link JournalWriteException} before any of its bytes are
 * written (see {@link DiskReservation}), and the log stays usable: the append may be retried once there is space.
 *
 * <p>Appending and retention are serialised on the log; any number of threads may read through their own cursors.
 */
public final class EntryLog implements AutoCloseable {

    private static final String MAPPED_WRITE_FAULTED =
            "a write to its memory-mapped file faulted, most likely because no space is left on the device";

    private final SingleChronicleQueue queue;
    private final DiskReservation reservation;
    private ExcerptAppender appender;
    /** A fault in a memory-mapped write; the queue's state is unknown, so nothing more is appended. */
    private InternalError fault;

    private EntryLog(SingleChronicleQueue queue) {
        this.queue = queue;
        this.reservation = new DiskReservation(queue);
    }

    /**
     * Opens the log in {@code dir}, creating the directory if needed.
     *
     * @param dir      directory of the Chronicle queue
     * @param settings roll cycle, block size and recovery timeout
     * @return the open log
     * @throws JournalWriteException if a new queue cannot be written, e.g. because the disk is full
     */
    public static EntryLog open(Path dir, JournalSettings settings) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create journal directory " + dir, e);
        }
        SingleChronicleQueue queue;
        try {
            queue = SingleChronicleQueueBuilder.binary(dir)
                    .rollCycle(settings.rollCycle())
                    .blockSize(settings.blockSizeBytes())
                    .timeoutMS(settings.recoveryTimeoutMillis())
                    .build();
        } catch (InternalError e) {
            // Chronicle writes a new queue's metadata file through a memory mapping: on a full disk, this fault.
            throw new JournalWriteException("Cannot create the journal under " + dir + ": " + MAPPED_WRITE_FAULTED, e);
        }
        StaleWriteLock.opened(queue);
        return new EntryLog(queue);
    }

    /**
     * Appends one entry.
     *
     * @param payload the entry
     * @return the Chronicle index of the entry
     */
    public long append(byte[] payload) {
        return append(payload, 0, payload.length);
    }

    /**
     * Appends {@code length} bytes of {@code buffer} from {@code offset} as one entry, so that callers packing
     * entries into a reused buffer need not copy it.
     *
     * @param buffer the bytes
     * @param offset start of the entry in {@code buffer}
     * @param length length of the entry
     * @return the Chronicle index of the entry
     * @throws IllegalArgumentException if the entry is larger than {@link #maxEntryBytes()}
     * @throws JournalWriteException    if the entry cannot be written, e.g. because the disk is full
     */
    public synchronized long append(byte[] buffer, int offset, int length) {
        if (length > maxEntryBytes()) {
            throw new IllegalArgumentException("An entry of " + length + " bytes exceeds the largest one the journal"
                    + " at " + dir() + " accepts, " + maxEntryBytes() + " bytes; raise JournalSettings.blockSizeBytes"
                    + " (an entry may take a quarter of a block)");
        }
        if (fault != null) {
            throw appendFailed("an earlier append faulted; reopen the journal to recover it", fault);
        }
        try {
            return write(buffer, offset, length);
        } catch (IOException e) {
            throw appendFailed(e.getMessage(), e);
        } catch (InternalError e) {
            // Where DiskReservation cannot reserve, a full disk still shows up as this fault (when it surfaces here
            // at all). The entry may be torn, which readers skip by its checksum.
            fault = e;
            throw appendFailed(MAPPED_WRITE_FAULTED, e);
        }
    }

    /** Writes the entry into a new document once the disk blocks it needs are reserved. */
    private long write(byte[] buffer, int offset, int length) throws IOException {
        reservation.beforeAppend();
        ExcerptAppender appender = appender();
        try (DocumentContext doc = appender.writingDocument()) {
            Bytes<?> out = doc.wire().bytes();
            long start = out.writePosition();
            try {
                reservation.reserve(appender.currentFile(), start, start + EntryFrame.OVERHEAD + length);
            } catch (IOException e) {
                doc.rollbackOnClose(); // only the document's header was written: nothing is left behind
                throw e;
            }
            EntryFrame.write(out, buffer, offset, length);
            return doc.index();
        }
    }

    private JournalWriteException appendFailed(String why, Throwable cause) {
        return new JournalWriteException("Journal append failed under " + dir() + ": " + why, cause);
    }

    /** @return the last complete, valid entry; a torn, unfinished or corrupt tail is ignored */
    public Optional<byte[]> last() {
        try (EntryCursor cursor = backward()) {
            return cursor.next() ? Optional.of(cursor.payload()) : Optional.empty();
        }
    }

    /**
     * Finds the index of the {@code n}-th valid entry counted from the end, for callers that keep the last
     * {@code n} entries.
     *
     * @param n 1 for the last entry
     * @return its index, or empty if the log holds fewer than {@code n} valid entries
     */
    public OptionalLong indexFromEnd(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        try (EntryCursor cursor = backward()) {
            for (int seen = 0; cursor.next(); ) {
                if (++seen == n) {
                    return OptionalLong.of(cursor.index());
                }
            }
            return OptionalLong.empty();
        }
    }

    /**
     * Calls {@code visitor} for every valid entry, oldest first.
     *
     * @param visitor receives each entry with its index
     */
    public void forEach(EntryVisitor visitor) {
        try (EntryCursor cursor = new EntryCursor(queue.createTailer().toStart())) {
            while (cursor.next()) {
                visitor.entry(cursor.index(), cursor.payload());
            }
        }
    }

    /**
     * Opens a cursor that walks the valid entries from the last one towards the first, for callers that look for the
     * most recent entry of some kind; a torn, unfinished or corrupt tail is skipped.
     *
     * @return a cursor the caller must close
     */
    public EntryCursor cursorFromEnd() {
        return backward();
    }

    /**
     * Opens a forward cursor whose first entry is the one at {@code index}.
     *
     * @param index index returned by {@link #append(byte[])}
     * @return a cursor the caller must close
     * @throws NoSuchElementException if there is no entry at {@code index}, e.g. because retention deleted it
     */
    public EntryCursor cursorFrom(long index) {
        var tailer = queue.createTailer();
        if (!tailer.moveToIndex(index)) {
            tailer.close();
            throw new NoSuchElementException("No entry at index 0x" + Long.toHexString(index) + " in " + queue.file());
        }
        return new EntryCursor(tailer);
    }

    /**
     * Deletes the roll-cycle files that lie wholly before the cycle holding {@code index}; entries from that
     * cycle on stay readable and appending continues.
     *
     * @param index index of the oldest entry that must stay reachable
     */
    public synchronized void retainFrom(long index) {
        CycleFiles.deleteBefore(queue, queue.rollCycle().toCycle(index));
    }

    /** @return the largest entry {@link #append(byte[])} accepts; Chronicle bounds a document by its block size */
    public int maxEntryBytes() {
        return (int) Math.min(Integer.MAX_VALUE, queue.overlapSize() - EntryFrame.OVERHEAD);
    }

    /** @return the directory of the underlying queue, for messages */
    public Path dir() {
        return queue.file().toPath();
    }

    /** Closes the appender and the queue. */
    @Override
    public synchronized void close() {
        try {
            reservation.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close a file of the journal under " + dir(), e);
        }
        if (appender != null) {
            appender.close();
        }
        StaleWriteLock.closed(queue);
        queue.close();
    }

    private EntryCursor backward() {
        return new EntryCursor(queue.createTailer().direction(TailerDirection.BACKWARD).toEnd());
    }

    private ExcerptAppender appender() {
        if (appender == null) {
            appender = queue.createAppender();
            // Chronicle ties an appender to the thread that first used it; this log serialises appends itself,
            // so callers on several threads (engine coordinator, tests) are safe.
            appender.singleThreadedCheckDisabled(true);
        }
        return appender;
    }
}
