package io.streamline.journal;

import java.nio.file.Path;

/** Thrown when a checkpoint location holds the checkpoint of a different pipeline, which must never be resumed. */
public final class CheckpointMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param location            the checkpoint location that was refused
     * @param storedFingerprint   the fingerprint recorded in its metadata
     * @param requestedFingerprint the fingerprint of the pipeline that tried to use it
     */
    public CheckpointMismatchException(Path location, String storedFingerprint, String requestedFingerprint) {
        super("Checkpoint location " + location + " was written by a different pipeline: its metadata has fingerprint "
                + storedFingerprint + " but this pipeline's fingerprint is " + requestedFingerprint
                + ". Use a new checkpointLocation for this pipeline.");
    }
}
