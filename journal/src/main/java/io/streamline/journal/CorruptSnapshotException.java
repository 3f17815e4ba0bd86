package io.streamline.journal;

/** Thrown when a snapshot cannot be restored: missing, never finished, or failing its checksum. */
public final class CorruptSnapshotException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message names the snapshot and what is wrong with it */
    public CorruptSnapshotException(String message) {
        super(message);
    }
}
