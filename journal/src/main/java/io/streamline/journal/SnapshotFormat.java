package io.streamline.journal;

import java.nio.ByteBuffer;

/**
 * Layout of a snapshot in its entry log: a header entry {@code ['H'][long epoch]}, chunk entries {@code ['C'][bytes]},
 * and a trailer entry {@code ['T'][long entryCount][int crc32c]}.
 *
 * <p>The chunk bodies, concatenated, form one stream of {@code [int keyLength][key][int valueLength][value]}
 * records; a record may straddle chunks, so no key or value is limited by the largest document Chronicle accepts.
 * The trailer's checksum covers that whole stream.
 */
final class SnapshotFormat {

    static final byte HEADER = 'H';
    static final byte CHUNK = 'C';
    static final byte TRAILER = 'T';

    /** Largest chunk entry aimed for: large enough that per-document costs vanish, small enough for any block. */
    static final int CHUNK_TARGET_BYTES = 64 << 10;

    private static final int HEADER_LENGTH = 1 + Long.BYTES;
    private static final int TRAILER_LENGTH = 1 + Long.BYTES + Integer.BYTES;

    private SnapshotFormat() {
    }

    static byte[] header(long epoch) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(HEADER).putLong(epoch).array();
    }

    static byte[] trailer(long entryCount, int checksum) {
        return ByteBuffer.allocate(TRAILER_LENGTH).put(TRAILER).putLong(entryCount).putInt(checksum).array();
    }

    static byte tag(byte[] entry) {
        return entry.length == 0 ? 0 : entry[0];
    }

    static boolean isHeader(byte[] entry) {
        return tag(entry) == HEADER && entry.length == HEADER_LENGTH;
    }

    static boolean isTrailer(byte[] entry) {
        return tag(entry) == TRAILER && entry.length == TRAILER_LENGTH;
    }

    static long epochOf(byte[] header) {
        return ByteBuffer.wrap(header, 1, Long.BYTES).getLong();
    }

    static long entryCountOf(byte[] trailer) {
        return ByteBuffer.wrap(trailer, 1, Long.BYTES).getLong();
    }

    static int checksumOf(byte[] trailer) {
        return ByteBuffer.wrap(trailer, 1 + Long.BYTES, Integer.BYTES).getInt();
    }
}
