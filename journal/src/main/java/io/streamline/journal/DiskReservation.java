package io.streamline.journal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import net.openhft.chronicle.queue.impl.single.PrecreatedFiles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Keeps disk blocks allocated ahead of where a Chronicle queue writes next, so that a full disk fails an append
 * with an {@link IOException} before any byte of the entry is written.
 *
 * <p>Why: Chronicle writes through memory-mapped sparse files, so the kernel allocates a file's blocks when a
 * write first touches their page. On a full file system that page fault raises SIGBUS, which HotSpot turns into
 * an {@link InternalError} ("a fault occurred in a recent unsafe memory access operation") and throws later, at
 * whatever point the writing thread next enters the VM. Measured on a full tmpfs: the append had mostly returned
 * by then, with the index of an entry whose bytes never reached the file, and the error surfaced in the caller.
 * A plain file write of zeros allocates the same blocks and reports ENOSPC at once, where it can be handled.
 *
 * <p>Two regions are reserved: {@link #STEP} bytes at a time past the entry being written, with room for the
 * index array Chronicle may add after it; and the start of each new cycle file, which holds Chronicle's header and
 * its first two index arrays (filled in over the cycle, so reserved whole). Chronicle creates that file itself when
 * it rolls, but renames a
 * {@code <cycle>.precreated} into place if one exists, so the file is created here, with those blocks allocated,
 * just before the append that rolls.
 *
 * <p>Not reserved, so still a fault on a full disk: the queue's {@code metadata.cq4t}, written when the queue is
 * created and later only where it was written then; and a cycle file that Chronicle creates because the clock
 * passed a cycle boundary between {@link #beforeAppend()} and its roll (a window of microseconds once per cycle),
 * which leaves a file without a header that Chronicle discards on the next open (measured). {@link EntryLog}
 * reports such a fault when it surfaces inside its call.
 */
final class DiskReservation implements AutoCloseable {

    /**
     * Reserved past an entry at a time: one file write per this many bytes appended. Measured on ext4, such a write
     * takes about 40 us, paid at once where the page faults it replaces cost about 1 us per 4 KiB page spread over
     * the appends; a smaller step would move the pause from one append in thousands to one in hundreds.
     */
    static final int STEP = 256 << 10;

    private static final byte[] ZEROS = new byte[64 << 10];

    private final SingleChronicleQueue queue;
    /** An index array with its document header, rounded up: what Chronicle may write after an entry. */
    private final long indexArrayBytes;
    private int preparedCycle = Integer.MIN_VALUE;
    private File precreated;
    private File file;
    /** The open {@code file}: reserving every {@link #STEP} without reopening it. */
    private RandomAccessFile out;
    private long reservedTo;

    DiskReservation(SingleChronicleQueue queue) {
        this.queue = queue;
        this.indexArrayBytes = queue.indexCount() * (long) Long.BYTES + 1024;
    }

    /**
     * Called before the appender opens its document: if the append will start the file of a new cycle, creates
     * that file with its first blocks allocated.
     *
     * @throws IOException if the file system cannot provide them
     */
    void beforeAppend() throws IOException {
        int cycle = queue.cycle();
        if (cycle == preparedCycle) {
            return;
        }
        File target = CycleFiles.fileOf(queue, cycle);
        if (!target.exists()) {
            File next = PrecreatedFiles.preCreatedFile(target);
            try {
                // Header, index-to-index array and first index array, then the first entries.
                writeZeros(next, 0, 2 * indexArrayBytes + STEP);
            } catch (IOException e) {
                Files.deleteIfExists(next.toPath()); // give back what was allocated
                throw e;
            }
            precreated = next;
        }
        preparedCycle = cycle;
    }

    /**
     * Called inside the open document, before the entry is written, to allocate the blocks of
     * {@code [from, to)} and the room Chronicle may need after it.
     *
     * @param file the cycle file the document is in
     * @param from where the entry starts; the file holds nothing past it
     * @param to   where the entry ends
     * @throws IOException if the file system cannot provide them
     */
    void reserve(File file, long from, long to) throws IOException {
        discardUnusedPrecreatedFile();
        if (file != this.file) {
            close();
            out = new RandomAccessFile(file, "rw");
            this.file = file;
            reservedTo = from;
        }
        if (to + indexArrayBytes <= reservedTo) {
            return;
        }
        long end = to + indexArrayBytes + STEP;
        writeZeros(out, Math.max(reservedTo, from), end);
        reservedTo = end;
    }

    /** Closes the file being reserved in. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            file = null;
        }
    }

    /** Chronicle renames the precreated file into place on its roll; one still there missed its cycle. */
    private void discardUnusedPrecreatedFile() throws IOException {
        if (precreated != null) {
            Files.deleteIfExists(precreated.toPath());
            precreated = null;
        }
    }

    private static void writeZeros(File file, long from, long to) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file, "rw")) {
            writeZeros(out, from, to);
        }
    }

    // A RandomAccessFile rather than a FileChannel: an interrupt of the appending thread cannot close it.
    private static void writeZeros(RandomAccessFile out, long from, long to) throws IOException {
        out.seek(from);
        for (long at = from; at < to; at += ZEROS.length) {
            out.write(ZEROS, 0, (int) Math.min(ZEROS.length, to - at));
        }
    }
}
