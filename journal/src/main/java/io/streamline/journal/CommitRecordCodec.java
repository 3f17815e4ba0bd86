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

/**
 * Binary encoding of {@link CommitRecord}; a leading version byte lets formats coexist: version 1 (offsets and
 * snapshot refs) and version 2 (adding sink handles and watermarks) are still read, version 3 adds sink sequences.
 */
final class CommitRecordCodec {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final byte VERSION = 3;

    private CommitRecordCodec() {
    }

    static byte[] encode(CommitRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, record.queryId());
            out.writeLong(record.epoch());
            out.writeLong(record.timestampMillis());
            writeStrings(out, record.sourceOffsets());
            writeLongs(out, record.snapshotRefs());
            writeStrings(out, record.sinkHandles());
            writeLongs(out, record.watermarks());
            writeLongs(out, record.sinkSequences());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // cannot happen: in-memory stream
        }
        return bytes.toByteArray();
    }

    static CommitRecord decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_2 && version != VERSION_1) {
                throw new IllegalStateException("Unknown commit record format version " + version
                        + "; the commit log was written by another engine version");
            }
            String queryId = readString(in);
            long epoch = in.readLong();
            long timestamp = in.readLong();
            Map<String, String> offsets = readStrings(in);
            Map<String, Long> refs = readLongs(in);
            if (version == VERSION_1) {
                return new CommitRecord(queryId, epoch, timestamp, offsets, refs);
            }
            Map<String, String> handles = readStrings(in);
            Map<String, Long> watermarks = readLongs(in);
            if (version == VERSION_2) {
                return new CommitRecord(queryId, epoch, timestamp, offsets, refs, handles, watermarks);
            }
            return new CommitRecord(queryId, epoch, timestamp, offsets, refs, handles, watermarks, readLongs(in));
        } catch (IOException e) {
            // The entry passed its CRC, so a short read means a writer bug, not a torn write.
            throw new IllegalStateException("Malformed commit record", e);
        }
    }

    private static void writeStrings(DataOutputStream out, Map<String, String> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static Map<String, String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(readString(in), readString(in));
        }
        return values;
    }

    private static void writeLongs(DataOutputStream out, Map<String, Long> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Long> e : values.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readLongs(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(readString(in), in.readLong());
        }
        return values;
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
