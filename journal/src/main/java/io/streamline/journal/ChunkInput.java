package io.streamline.journal;

import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Reads back the byte stream that {@link ChunkOutput} split into chunk entries, stopping at the trailer and
 * checksumming what it read. Anything but a chunk or a trailer after the header means the snapshot was never
 * finished.
 */
final class ChunkInput {

    private static final byte[] EMPTY = new byte[0];

    private final EntryCursor cursor;
    private final Function<String, CorruptSnapshotException> corrupt;
    private final CRC32C checksum = new CRC32C();
    private byte[] chunk = EMPTY;
    private int position;
    private byte[] trailer;

    /**
     * @param cursor  positioned just after the snapshot's header
     * @param corrupt makes the exception for a reason, naming the snapshot
     */
    ChunkInput(EntryCursor cursor, Function<String, CorruptSnapshotException> corrupt) {
        this.cursor = cursor;
        this.corrupt = corrupt;
    }

    /** @return whether more stream bytes follow; false once the trailer is reached */
    boolean hasMore() {
        while (position == chunk.length) {
            if (trailer != null || !nextChunk()) {
                return false;
            }
        }
        return true;
    }

    int readInt() {
        byte[] bytes = readBytes(Integer.BYTES);
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    /** Reads a length-prefixed field. */
    byte[] readField() {
        int length = readInt();
        if (length < 0) {
            throw corrupt.apply("it holds a field of negative length " + length);
        }
        return readBytes(length);
    }

    /** @return the trailer entry; only valid once {@link #hasMore()} returned false */
    byte[] trailer() {
        return trailer;
    }

    /** @return the checksum of all stream bytes read so far */
    int checksum() {
        return (int) checksum.getValue();
    }

    private byte[] readBytes(int length) {
        // Grown as bytes arrive, so that a damaged length field cannot make us allocate more than the data holds.
        byte[] out = new byte[Math.min(length, chunk.length - position)];
        int offset = 0;
        while (offset < length) {
            if (!hasMore()) {
                throw corrupt.apply("its last entry is cut off by the trailer");
            }
            int n = Math.min(chunk.length - position, length - offset);
            if (offset + n > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(length, Math.max(2L * out.length, offset + n)));
            }
            System.arraycopy(chunk, position, out, offset, n);
            position += n;
            offset += n;
        }
        return out;
    }

    /** @return false if the trailer was reached instead of another chunk */
    private boolean nextChunk() {
        if (!cursor.next()) {
            throw neverFinished();
        }
        byte[] entry = cursor.payload();
        if (SnapshotFormat.isTrailer(entry)) {
            trailer = entry;
            return false;
        }
        if (SnapshotFormat.tag(entry) != SnapshotFormat.CHUNK) {
            throw neverFinished();
        }
        checksum.update(entry, 1, entry.length - 1);
        chunk = entry;
        position = 1;
        return true;
    }

    private CorruptSnapshotException neverFinished() {
        return corrupt.apply("it has no trailer: it was never finished"
                + " (the writer stopped before finish(), e.g. a crash during the checkpoint)");
    }
}
