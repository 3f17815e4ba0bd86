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
 * @param timestampMillis when the commit was made (in the micro-batch offset log: the batch's trigger time)
 * @param sourceOffsets   source id to the opaque offset string of that source at the epoch marker
 * @param snapshotRefs    state id to the ref that {@link SnapshotWriter#finish()} returned for this epoch
 * @param sinkHandles     sink partition to the handle of its prepared output, for two-phase sinks to finish
 *                        committing after a crash
 * @param watermarks      node id to the watermark recovery gives it back
 * @param sinkSequences   sink partition to the number of records it had been given when the epoch ended, so the
 *                        records' positions continue unchanged after a restart
 */
public record CommitRecord(String queryId, long epoch, long timestampMillis, Map<String, String> sourceOffsets,
                           Map<String, Long> snapshotRefs, Map<String, String> sinkHandles, Map<String, Long> watermarks,
                           Map<String, Long> sinkSequences) {

    /** Copies the maps so that a record cannot change after it was committed; keeps their order for readability. */
    public CommitRecord {
        Objects.requireNonNull(queryId, "queryId");
        sourceOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(sourceOffsets));
        snapshotRefs = Collections.unmodifiableMap(new LinkedHashMap<>(snapshotRefs));
        sinkHandles = Collections.unmodifiableMap(new LinkedHashMap<>(sinkHandles));
        watermarks = Collections.unmodifiableMap(new LinkedHashMap<>(watermarks));
        sinkSequences = Collections.unmodifiableMap(new LinkedHashMap<>(sinkSequences));
    }

    /** A record without sink sequences, as version 2 of the format stored it. */
    public CommitRecord(String queryId, long epoch, long timestampMillis, Map<String, String> sourceOffsets,
                        Map<String, Long> snapshotRefs, Map<String, String> sinkHandles, Map<String, Long> watermarks) {
        this(queryId, epoch, timestampMillis, sourceOffsets, snapshotRefs, sinkHandles, watermarks, Map.of());
    }

    /** A record with offsets and snapshots only, such as an entry of the micro-batch offset log. */
    public CommitRecord(String queryId, long epoch, long timestampMillis, Map<String, String> sourceOffsets,
                        Map<String, Long> snapshotRefs) {
        this(queryId, epoch, timestampMillis, sourceOffsets, snapshotRefs, Map.of(), Map.of());
    }
}
