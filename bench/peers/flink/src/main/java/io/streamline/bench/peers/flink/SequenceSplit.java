package io.streamline.bench.peers.flink;

import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's only split: its position in the sequence, which is all a checkpoint needs to resume it.
 *
 * @param next sequence number of the next record to emit
 */
public record SequenceSplit(long next) implements SourceSplit {
    private static final int VERSION = 1;

    @Override
    public String splitId() {
        return "sequence";
    }

    /** Serializes a split (reader state) and a list of pending splits (enumerator state) as sequence numbers. */
    static final class Serializer {
        private Serializer() {
        }

        /** Of one split. */
        static SimpleVersionedSerializer<SequenceSplit> ofSplit() {
            return new SimpleVersionedSerializer<>() {
                @Override
                public int getVersion() {
                    return VERSION;
                }

                @Override
                public byte[] serialize(SequenceSplit split) throws IOException {
                    return write(List.of(split));
                }

                @Override
                public SequenceSplit deserialize(int version, byte[] bytes) throws IOException {
                    return read(bytes).get(0);
                }
            };
        }

        /** Of a list of splits. */
        static SimpleVersionedSerializer<List<SequenceSplit>> ofList() {
            return new SimpleVersionedSerializer<>() {
                @Override
                public int getVersion() {
                    return VERSION;
                }

                @Override
                public byte[] serialize(List<SequenceSplit> splits) throws IOException {
                    return write(splits);
                }

                @Override
                public List<SequenceSplit> deserialize(int version, byte[] bytes) throws IOException {
                    return read(bytes);
                }
            };
        }

        private static byte[] write(List<SequenceSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (SequenceSplit split : splits) {
                    out.writeLong(split.next());
                }
            }
            return bytes.toByteArray();
        }

        private static List<SequenceSplit> read(byte[] bytes) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int count = in.readInt();
                List<SequenceSplit> splits = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    splits.add(new SequenceSplit(in.readLong()));
                }
                return splits;
            }
        }
    }
}
