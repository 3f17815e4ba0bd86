package io.streamline.journal;

import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Frames one payload inside a Chronicle document as {@code [int length][int crc32c][payload]}.
 *
 * <p>Chronicle only shows readers documents whose header is complete, but after a crash its recovery may close a
 * document that holds half a payload; the length and checksum let a reader tell such a document from a real entry.
 */
final class EntryFrame {

    static final int OVERHEAD = Integer.BYTES * 2;

    private EntryFrame() {
    }

    static void write(Bytes<?> out, byte[] payload, int offset, int length) {
        out.writeInt(length);
        out.writeInt(checksum(payload, offset, length));
        out.write(payload, offset, length);
    }

    /** @return the payload, or {@code null} if the document is not a complete, intact frame */
    static byte[] read(Bytes<?> in) {
        long remaining = in.readRemaining();
        if (remaining < OVERHEAD) {
            return null;
        }
        int length = in.readInt();
        int crc = in.readInt();
        if (length < 0 || length != remaining - OVERHEAD) {
            return null;
        }
        byte[] payload = new byte[length];
        in.read(payload);
        return checksum(payload, 0, length) == crc ? payload : null;
    }

    // CRC32C rather than CRC32: hardware-accelerated on x86 and ARM, and snapshots checksum every byte they write.
    private static int checksum(byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }
}
