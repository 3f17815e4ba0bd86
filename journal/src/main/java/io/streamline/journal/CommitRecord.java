package io.streamline.journal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One commit of the epoch (or batch) protocol: once it is in the commit log, everything up to these source
 * offsets is committed and can be restored from these snapshots.
 *
 * @param queryId         the query that committed
 * @param epoch           the committed epoch or batch number
 * @param timestampMillis when the commit was made
 * @param sourceOffsets   source id to the opaque offset string of that source at the epoch marker
 * @param snapshotRefs    operator id to the ref that {@link SnapshotWriter#finish()} returned for this epoch
 */
public record CommitRecord(String queryId, long epoch, long timestampMillis,
                           Map<String, String> sourceOffsets, Map<String, Long> snapshotRefs) {

    /** Copies the maps so that a record cannot change after it was committed; keeps their order for readability. */
    public CommitRecord {
        Objects.requireNonNull(queryId, "queryId");
        sourceOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(sourceOffsets));
        snapshotRefs = Collections.unmodifiableMap(new LinkedHashMap<>(snapshotRefs));
    }
}
