package io.streamline.journal;

/** Receives the entries of a snapshot in the order they were written. */
@FunctionalInterface
public interface SnapshotVisitor {

    /**
     * @param key   the entry's key, owned by the visitor
     * @param value the entry's value, owned by the visitor
     */
    void entry(byte[] key, byte[] value);
}
