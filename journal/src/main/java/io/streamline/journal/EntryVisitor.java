package io.streamline.journal;

/** Receives the valid entries of an {@link EntryLog}, in order. */
@FunctionalInterface
public interface EntryVisitor {

    /**
     * @param index   the Chronicle index of the entry, usable with {@link EntryLog#cursorFrom(long)} and
     *                {@link EntryLog#retainFrom(long)}
     * @param payload the entry's bytes, owned by the visitor
     */
    void entry(long index, byte[] payload);
}
