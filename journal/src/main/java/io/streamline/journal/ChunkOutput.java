package io.streamline.journal;

import java.util.zip.CRC32C;

/**
 * Writes a byte stream into an {@link EntryLog} as chunk entries of bounded size, checksumming the stream, so that
 * a snapshot costs one append per chunk rather than one per key.
 */
final class ChunkOutput {

    private final EntryLog log;
    private final byte[] chunk;
    private final byte[] intBytes = new byte[Integer.BYTES];
    private final CRC32C checksum = new CRC32C();
    private int size = 1;

    ChunkOutput(EntryLog log) {
        this.log = log;
        this.chunk = new byte[Math.min(SnapshotFormat.CHUNK_TARGET_BYTES, log.maxEntryBytes())];
        chunk[0] = SnapshotFormat.CHUNK;
    }

    void writeInt(int value) {
        if (chunk.length - size >= Integer.BYTES) { // the common case: straight into the chunk
            putInt(chunk, size, value);
            size += Integer.BYTES;
        } else {
            putInt(intBytes, 0, value);
            write(intBytes);
        }
    }

    void write(byte[] bytes) {
        write(bytes, bytes.length);
    }

    /** Writes the first {@code length} bytes of {@code bytes}. */
    void write(byte[] bytes, int length) {
        int offset = 0;
        while (offset < length) {
            if (size == chunk.length) {
                flush();
            }
            int n = Math.min(chunk.length - size, length - offset);
            System.arraycopy(bytes, offset, chunk, size, n);
            size += n;
            offset += n;
        }
    }

    /** Appends what is buffered and returns the checksum of everything written. */
    int finish() {
        if (size > 1) {
            flush();
        }
        return (int) checksum.getValue();
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }

    private void flush() {
        checksum.update(chunk, 1, size - 1);
        log.append(chunk, 0, size);
        size = 1;
    }
}
