package io.streamline.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Thrown when a checkpoint location holds the checkpoint of a different pipeline, which must never be resumed. */
public final class CheckpointMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param location             the checkpoint location that was refused
     * @param storedFingerprint    the fingerprint recorded in its metadata
     * @param requestedFingerprint the fingerprint of the pipeline that tried to use it
     */
    public CheckpointMismatchException(Path location, String storedFingerprint, String requestedFingerprint) {
        this(location, storedFingerprint, requestedFingerprint, Map.of(), Map.of());
    }

    /**
     * @param location             the checkpoint location that was refused
     * @param storedFingerprint    the fingerprint recorded in its metadata
     * @param requestedFingerprint the fingerprint of the pipeline that tried to use it
     * @param storedPipeline       the recorded pipeline, aspect by aspect (empty if the metadata predates it)
     * @param requestedPipeline    the pipeline that tried to use it, aspect by aspect
     */
    public CheckpointMismatchException(Path location, String storedFingerprint, String requestedFingerprint,
                                       Map<String, String> storedPipeline, Map<String, String> requestedPipeline) {
        super("Checkpoint location " + location + " was written by a different pipeline: "
                + differences(storedPipeline, requestedPipeline) + " (fingerprint " + storedFingerprint
                + " in its metadata, " + requestedFingerprint + " for this pipeline)."
                + " Use a new checkpointLocation for this pipeline, or run the pipeline the checkpoint belongs to.");
    }

    /** What differs, aspect by aspect, in the order the requesting pipeline lists them. */
    private static String differences(Map<String, String> stored, Map<String, String> requested) {
        if (stored.isEmpty()) {
            return "its metadata predates pipeline descriptions, so only the fingerprints can be compared";
        }
        Set<String> aspects = new LinkedHashSet<>(requested.keySet());
        aspects.addAll(stored.keySet());
        List<String> differing = new ArrayList<>();
        for (String aspect : aspects) {
            String was = stored.get(aspect);
            String now = requested.get(aspect);
            if (!Objects.equals(was, now)) {
                differing.add(aspect + " " + (was == null ? "(not recorded)" : "'" + was + "'") + " in the checkpoint, "
                        + (now == null ? "(none)" : "'" + now + "'") + " now");
            }
        }
        return differing.isEmpty() ? "the pipelines describe alike but their fingerprints differ" : String.join("; ", differing);
    }
}
