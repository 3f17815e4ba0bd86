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
 */
public final class StateMirror {
    private static final int LONG_BYTES = 9;
    private static final byte[] TOMBSTONE = new byte[0];

    private final SlotIndex<Object> index = new SlotIndex<>(1024);
    private long[] longs = new long[index.capacity()];
    /** The encoded value per slot, or {@code null} where the value is the long in {@link #longs}. */
    private byte[][] encoded = new byte[index.capacity()][];
    private long bytes;

    /**
     * Applies one epoch's changes and passes each as a delta entry to {@code delta}: encoded key and value,
     * an empty value for a removal.
     *
     * @return the encoded size of the changes
     */
    public long apply(StateChanges changes, BiConsumer<byte[], byte[]> delta) {
        long[] changeBytes = {0};
        changes.forEach(new StateChanges.Visitor() {
            @Override
            public void changed(Object key, Object value) {
                byte[] k = StateCodec.encode(key);
                byte[] v = StateCodec.encode(value);
                putEncoded(key, k.length, v);
                changeBytes[0] += k.length + v.length;
                delta.accept(k, v);
            }

            @Override
            public void changedLong(Object key, long value) {
                byte[] k = StateCodec.encode(key);
                putLong(key, k.length, value);
                changeBytes[0] += k.length + LONG_BYTES;
                delta.accept(k, StateCodec.encode(value));
            }

            @Override
            public void removed(Object key) {
                byte[] k = StateCodec.encode(key);
                remove(key, k.length);
                changeBytes[0] += k.length;
                delta.accept(k, TOMBSTONE);
            }
        });
        return changeBytes[0];
    }

    /** Applies one entry of a snapshot being restored (an empty value is a removal). */
    public void restore(byte[] key, byte[] value) {
        Object k = StateCodec.decode(key);
        if (value.length == 0) {
            remove(k, key.length);
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
        ExpandableArrayBuffer key = new ExpandableArrayBuffer(64);
        ExpandableArrayBuffer value = new ExpandableArrayBuffer(64);
        for (int slot = 0; slot < index.size(); slot++) {
            int keyLength = StateCodec.encode(index.keyAt(slot), key); // may grow the buffer: read its array after
            if (encoded[slot] == null) {
                int valueLength = StateCodec.encodeLong(longs[slot], value);
                out.put(key.byteArray(), keyLength, value.byteArray(), valueLength);
            } else {
                out.put(key.byteArray(), keyLength, encoded[slot], encoded[slot].length);
            }
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

    private void putLong(Object key, int keyBytes, long value) {
        int slot = slotFor(key, keyBytes);
        longs[slot] = value;
        encoded[slot] = null;
        bytes += LONG_BYTES;
    }

    private void putEncoded(Object key, int keyBytes, byte[] value) {
        int slot = slotFor(key, keyBytes);
        encoded[slot] = value;
        bytes += value.length;
    }

    /** The slot of {@code key}, created if needed, with its old value's bytes no longer counted. */
    private int slotFor(Object key, int keyBytes) {
        int slot = index.slotOf(key);
        if (slot >= 0) {
            bytes -= valueBytes(slot);
            return slot;
        }
        slot = index.add(key);
        if (slot == longs.length) {
            longs = Arrays.copyOf(longs, index.capacity());
            encoded = Arrays.copyOf(encoded, index.capacity());
        }
        bytes += keyBytes;
        return slot;
    }

    private void remove(Object key, int keyBytes) {
        int slot = index.slotOf(key);
        if (slot < 0) {
            return;
        }
        bytes -= keyBytes + valueBytes(slot);
        index.remove(key);
        int moved = index.size(); // the last slot, now moved into the freed one
        longs[slot] = longs[moved];
        encoded[slot] = encoded[moved];
        encoded[moved] = null;
    }

    private int valueBytes(int slot) {
        return encoded[slot] == null ? LONG_BYTES : encoded[slot].length;
    }
}
