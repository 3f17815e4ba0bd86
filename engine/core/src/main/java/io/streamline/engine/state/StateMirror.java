package io.streamline.engine.state;

import io.streamline.engine.operator.StateChanges;
import io.streamline.journal.SnapshotWriter;
import org.agrona.ExpandableArrayBuffer;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The snapshot writer's own copy of an operator's state, updated from each epoch's {@link StateChanges} on the
 * writer thread, so full snapshots never read the live state. Long values stay unboxed in a {@code long[]};
 * other values are kept encoded. Keys are encoded when a snapshot is written, not kept encoded: a mirror of
 * counters then holds no object per entry beyond the key the live state holds anyway, and updating it creates
 * no object that outlives the snapshot being written.
 *
 * <p>A mirror of state split into key groups writes every key prefixed by its group, two bytes big-endian
 * ({@link #GROUP_BYTES}), so a restore can take the groups it owns without decoding any other key. The group is
 * computed once, when the key enters the mirror.
 */
public final class StateMirror {
    /** Bytes of the key group before a key written by a grouped mirror. */
    public static final int GROUP_BYTES = 2;

    /** The key group of an entry of the state, by its key. */
    @FunctionalInterface
    public interface Grouping {
        /** The group of the entry keyed {@code stateKey}. */
        int groupOf(Object stateKey);
    }

    private static final int LONG_BYTES = 9;
    /** A key size the caller does not have. */
    private static final int UNKNOWN = -1;
    private static final byte[] TOMBSTONE = new byte[0];

    private final SlotIndex<Object> index = new SlotIndex<>(1024);
    /** Encoding buffers of the writer thread, reused for every entry. */
    private final ExpandableArrayBuffer keyBuffer = new ExpandableArrayBuffer(64);
    private final ExpandableArrayBuffer valueBuffer = new ExpandableArrayBuffer(64);
    private long[] longs = new long[index.capacity()];
    /**
     * Each slot's encoded key size, taken when the key enters: a key's later changes then cost no encoding here
     * (only when the snapshot is written), which halved the writer's key encoding for state whose keys change every
     * epoch (every window of every key).
     */
    private int[] keyLengths = new int[index.capacity()];
    /** The encoded value per slot, or {@code null} where the value is the long in {@link #longs}. */
    private byte[][] encoded = new byte[index.capacity()][];
    /** Each slot's key group; {@code null} for state not split into groups. */
    private short[] groups;
    private final Grouping grouping;
    private long bytes;

    /** A mirror of state not split into key groups. */
    public StateMirror() {
        this(null);
    }

    /** A mirror writing each key with its group, as {@code grouping} says; {@code null} for no groups. */
    public StateMirror(Grouping grouping) {
        this.grouping = grouping;
        this.groups = grouping == null ? null : new short[index.capacity()];
    }

    /**
     * Applies one epoch's changes.
     *
     * @return the encoded size of the changes, removals counted by their key
     */
    public long apply(StateChanges changes) {
        long[] changeBytes = {0};
        changes.forEach(new StateChanges.Visitor() {
            @Override
            public void changed(Object key, Object value) {
                byte[] v = StateCodec.encode(value);
                int slot = putEncoded(key, UNKNOWN, v); // before reading keyLengths, which adding a key may replace
                changeBytes[0] += keyLengths[slot] + v.length;
            }

            @Override
            public void changedLong(Object key, long value) {
                int slot = putLong(key, UNKNOWN, value);
                changeBytes[0] += keyLengths[slot] + LONG_BYTES;
            }

            @Override
            public void changedEncoded(Object key, byte[] value) {
                int slot = putEncoded(key, UNKNOWN, value);
                changeBytes[0] += keyLengths[slot] + value.length;
            }

            @Override
            public void removed(Object key) {
                changeBytes[0] += remove(key);
            }
        });
        return changeBytes[0];
    }

    /**
     * Writes {@code changes}, already {@linkplain #apply applied}, as a delta: each changed key with its value
     * in this mirror, a removed key with an empty value.
     */
    public void writeDelta(StateChanges changes, SnapshotWriter out) {
        changes.forEachKey(key -> write(key, out));
    }

    /** Applies one entry of a snapshot being restored (an empty value is a removal). */
    public void restore(byte[] key, byte[] value) {
        Object k = StateCodec.decode(key);
        if (value.length == 0) {
            remove(k);
        } else if (StateCodec.isLong(value)) {
            putLong(k, key.length, (Long) StateCodec.decode(value));
        } else {
            putEncoded(k, key.length, value);
        }
    }

    /**
     * Writes every entry to {@code out}, each encoded into the same two buffers: a full snapshot of a million
     * counters then creates no garbage per entry, so it does not bring young collections closer.
     */
    public void writeTo(SnapshotWriter out) {
        for (int slot = 0; slot < index.size(); slot++) {
            write(slot, out);
        }
    }

    /** Passes every entry, decoded, to {@code out}. */
    public void forEachDecoded(BiConsumer<Object, Object> out) {
        for (int slot = 0; slot < index.size(); slot++) {
            out.accept(index.keyAt(slot), encoded[slot] == null ? (Object) longs[slot] : StateCodec.decode(encoded[slot]));
        }
    }

    /** Empties the mirror. */
    public void clear() {
        Arrays.fill(encoded, 0, index.size(), null);
        index.clear();
        bytes = 0;
    }

    /** Number of entries. */
    public int size() {
        return index.size();
    }

    /** Encoded size of all entries. */
    public long bytes() {
        return bytes;
    }

    /** @return the key's slot */
    private int putLong(Object key, int keyBytes, long value) {
        int slot = slotFor(key, keyBytes);
        longs[slot] = value;
        encoded[slot] = null;
        bytes += LONG_BYTES;
        return slot;
    }

    /** @return the key's slot */
    private int putEncoded(Object key, int keyBytes, byte[] value) {
        int slot = slotFor(key, keyBytes);
        encoded[slot] = value;
        bytes += value.length;
        return slot;
    }

    /**
     * The slot of {@code key}, created if needed, with its old value's bytes no longer counted.
     *
     * @param keyBytes the key's encoded size if the caller has it, else {@link #UNKNOWN}: it is encoded only if new
     */
    private int slotFor(Object key, int keyBytes) {
        int slot = index.slotOf(key);
        if (slot >= 0) {
            bytes -= valueBytes(slot);
            return slot;
        }
        int keyLength = keyBytes == UNKNOWN ? StateCodec.encode(key, keyBuffer) : keyBytes;
        slot = index.add(key);
        if (slot == longs.length) {
            longs = Arrays.copyOf(longs, index.capacity());
            encoded = Arrays.copyOf(encoded, index.capacity());
            keyLengths = Arrays.copyOf(keyLengths, index.capacity());
            if (groups != null) {
                groups = Arrays.copyOf(groups, index.capacity());
            }
        }
        if (groups != null) {
            groups[slot] = (short) grouping.groupOf(key);
        }
        keyLengths[slot] = keyLength;
        bytes += keyLength;
        return slot;
    }

    /** @return the removed key's encoded size (encoded now if the mirror did not hold it) */
    private int remove(Object key) {
        int slot = index.slotOf(key);
        if (slot < 0) {
            return StateCodec.encode(key, keyBuffer);
        }
        int keyLength = keyLengths[slot];
        bytes -= keyLength + valueBytes(slot);
        index.remove(key);
        int moved = index.size(); // the last slot, now moved into the freed one
        longs[slot] = longs[moved];
        encoded[slot] = encoded[moved];
        encoded[moved] = null;
        keyLengths[slot] = keyLengths[moved];
        if (groups != null) {
            groups[slot] = groups[moved];
        }
        return keyLength;
    }

    /** Writes {@code key} with its value here, or with an empty value if it has none. */
    private void write(Object key, SnapshotWriter out) {
        int slot = index.slotOf(key);
        if (slot >= 0) {
            write(slot, out);
        } else {
            int keyLength = encodeKey(key, groups == null ? 0 : grouping.groupOf(key)); // may grow the buffer: read it after
            out.put(keyBuffer.byteArray(), keyLength, TOMBSTONE, 0);
        }
    }

    private void write(int slot, SnapshotWriter out) {
        int keyLength = encodeKey(index.keyAt(slot), groups == null ? 0 : groups[slot]); // may grow the buffer: read it after
        if (encoded[slot] == null) {
            int valueLength = StateCodec.encodeLong(longs[slot], valueBuffer);
            out.put(keyBuffer.byteArray(), keyLength, valueBuffer.byteArray(), valueLength);
        } else {
            out.put(keyBuffer.byteArray(), keyLength, encoded[slot], encoded[slot].length);
        }
    }

    /** Encodes {@code key} into the key buffer, after its group if the state has groups; returns the length. */
    private int encodeKey(Object key, int group) {
        if (groups == null) {
            return StateCodec.encode(key, keyBuffer);
        }
        keyBuffer.putShort(0, (short) group, java.nio.ByteOrder.BIG_ENDIAN);
        return GROUP_BYTES + StateCodec.encode(key, keyBuffer, GROUP_BYTES);
    }

    private int valueBytes(int slot) {
        return encoded[slot] == null ? LONG_BYTES : encoded[slot].length;
    }
}
