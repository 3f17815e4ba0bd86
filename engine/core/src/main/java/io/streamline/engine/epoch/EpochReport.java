package io.streamline.engine.epoch;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything reported for one epoch while it is in flight; complete when every source partition, stateful
 * operator and sink has reported. Guarded by the coordinator's lock.
 */
public final class EpochReport {
    private final long epoch;
    private final long requestedNanos;
    private final long previousRequestedNanos;
    private final Map<String, String> offsets = new HashMap<>();
    private final Map<String, Long> rowsBySource = new HashMap<>();
    private final Map<String, Long> snapshotRefs = new HashMap<>();
    private final Map<String, Long> stateRows = new HashMap<>();
    private final Map<String, Long> stateBytes = new HashMap<>();
    private int acksMissing;

    EpochReport(long epoch, long requestedNanos, long previousRequestedNanos, int expectedAcks) {
        this.epoch = epoch;
        this.requestedNanos = requestedNanos;
        this.previousRequestedNanos = previousRequestedNanos;
        this.acksMissing = expectedAcks;
    }

    void sourceMarked(String sourceKey, String offset, long rows) {
        offsets.put(sourceKey, offset);
        rowsBySource.put(sourceKey, rows);
        acksMissing--;
    }

    void snapshotWritten(String operatorId, long ref, long rows, long bytes) {
        snapshotRefs.put(operatorId, ref);
        stateRows.put(operatorId, rows);
        stateBytes.put(operatorId, bytes);
        acksMissing--;
    }

    void sinkCommitted() {
        acksMissing--;
    }

    boolean complete() {
        return acksMissing == 0;
    }

    /** The epoch. */
    public long epoch() {
        return epoch;
    }

    /** When the coordinator asked for this epoch's markers ({@link System#nanoTime()}). */
    public long requestedNanos() {
        return requestedNanos;
    }

    /** When the previous epoch's markers were asked for: this epoch's input began then. */
    public long previousRequestedNanos() {
        return previousRequestedNanos;
    }

    /** Source partition key to the offset at this epoch's marker. */
    public Map<String, String> offsets() {
        return offsets;
    }

    /** Source partition key to rows read in this epoch. */
    public Map<String, Long> rowsBySource() {
        return rowsBySource;
    }

    /** Stateful operator id to the journal ref of its snapshot. */
    public Map<String, Long> snapshotRefs() {
        return snapshotRefs;
    }

    /** Stateful operator id to its number of state entries. */
    public Map<String, Long> stateRows() {
        return stateRows;
    }

    /** Stateful operator id to the encoded size of its state in bytes. */
    public Map<String, Long> stateBytes() {
        return stateBytes;
    }

    /** Rows read by all sources in this epoch. */
    public long inputRows() {
        return rowsBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
