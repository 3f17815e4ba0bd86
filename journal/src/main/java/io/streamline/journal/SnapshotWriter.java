package io.streamline.journal;

/** Writes one snapshot; the snapshot exists for readers only once {@link #finish()} returned. */
public interface SnapshotWriter {

    /**
     * Adds one entry; the arrays may be reused by the caller after this returns.
     *
     * @param key   the key bytes
     * @param value the value bytes
     */
    default void put(byte[] key, byte[] value) {
        put(key, key.length, value, value.length);
    }

    /**
     * Adds one entry from the start of two buffers, so a caller can encode every entry into the same two
     * buffers instead of allocating arrays per entry; the buffers may be reused after this returns.
     *
     * @param key         holds the key bytes at its start
     * @param keyLength   number of key bytes
     * @param value       holds the value bytes at its start
     * @param valueLength number of value bytes
     */
    void put(byte[] key, int keyLength, byte[] value, int valueLength);

    /**
     * Completes the snapshot with its trailer.
     *
     * @return the ref to pass to {@link SnapshotStore#read(long, SnapshotVisitor)} and to record in the commit
     */
    long finish();
}
