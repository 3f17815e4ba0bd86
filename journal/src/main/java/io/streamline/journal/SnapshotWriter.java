package io.streamline.journal;

/** Writes one snapshot; the snapshot exists for readers only once {@link #finish()} returned. */
public interface SnapshotWriter {

    /**
     * Adds one entry; the arrays may be reused by the caller after this returns.
     *
     * @param key   the key bytes
     * @param value the value bytes
     */
    void put(byte[] key, byte[] value);

    /**
     * Completes the snapshot with its trailer.
     *
     * @return the ref to pass to {@link SnapshotStore#read(long, SnapshotVisitor)} and to record in the commit
     */
    long finish();
}
