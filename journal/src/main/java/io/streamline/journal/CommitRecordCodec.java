package io.streamline.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binary encoding of {@link CommitRecord}; a leading version byte lets a later format coexist with this one. */
final class CommitRecordCodec {

    private static final byte VERSION = 1;

    private CommitRecordCodec() {
    }

    static byte[] encode(CommitRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, record.queryId());
            out.writeLong(record.epoch());
            out.writeLong(record.timestampMillis());
            out.writeInt(record.sourceOffsets().size());
            for (Map.Entry<String, String> e : record.sourceOffsets().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeInt(record.snapshotRefs().size());
            for (Map.Entry<String, Long> e : record.snapshotRefs().entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // cannot happen: in-memory stream
        }
        return bytes.toByteArray();
    }

    static CommitRecord decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown commit record format version " + version
                        + "; the commit log was written by another engine version");
            }
            String queryId = readString(in);
            long epoch = in.readLong();
            long timestamp = in.readLong();
            int offsetCount = in.readInt();
            Map<String, String> offsets = new LinkedHashMap<>();
            for (int i = 0; i < offsetCount; i++) {
                offsets.put(readString(in), readString(in));
            }
            int refCount = in.readInt();
            Map<String, Long> refs = new LinkedHashMap<>();
            for (int i = 0; i < refCount; i++) {
                refs.put(readString(in), in.readLong());
            }
            return new CommitRecord(queryId, epoch, timestamp, offsets, refs);
        } catch (IOException e) {
            // The entry passed its CRC, so a short read means a writer bug, not a torn write.
            throw new IllegalStateException("Malformed commit record", e);
        }
    }

    // Length-prefixed UTF-8 rather than writeUTF, which caps strings at 64 KiB: the offsets of a source with many
    // partitions may not fit.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
