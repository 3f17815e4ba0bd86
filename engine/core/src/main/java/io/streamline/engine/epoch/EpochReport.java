package io.streamline.engine.epoch;

import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.sink.EpochOutput;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything reported for one epoch while it is in flight. It is complete when each participant of the query
 * ({@link Participants}) has acknowledged it exactly once; an acknowledgement from anything else, a second one
 * from the same participant, or any report once the epoch is complete, is refused with an exception (which fails
 * the committer applying it and so the query) instead of being counted. Complete, it no longer changes, so the committer
 * may read it without the coordinator's lock. Guarded by the coordinator's lock until then.
 */
public final class EpochReport {
    private final long epoch;
    private final long requestedNanos;
    private final long previousRequestedNanos;
    private final Set<String> expected;
    private final Set<String> acknowledged = new HashSet<>();
    private final Map<String, String> offsets = new HashMap<>();
    private final Map<String, Long> rowsBySource = new HashMap<>();
    private final Map<String, Long> snapshotRefs = new HashMap<>();
    private final Map<String, Long> stateRows = new HashMap<>();
    private final Map<String, Long> stateBytes = new HashMap<>();
    private final Map<String, EpochOutput> sinkOutputs = new LinkedHashMap<>();
    private final Map<String, OperatorMetrics.Counts> operatorCounts = new HashMap<>();
    private final Map<String, long[]> instanceRows = new HashMap<>();
    private final Map<String, Long> watermarks = new HashMap<>();
    private final Map<String, EventTimeStats> eventTimes = new HashMap<>();
    private final Map<String, Long> sinkSequences = new HashMap<>();
    private final int expectedSources;
    private long snapshotWaitNanos;

    EpochReport(long epoch, long requestedNanos, long previousRequestedNanos, Set<String> expected) {
        this.epoch = epoch;
        this.requestedNanos = requestedNanos;
        this.previousRequestedNanos = previousRequestedNanos;
        this.expected = expected;
        this.expectedSources = (int) expected.stream().filter(Participants::isSource).count();
    }

    void sourceMarked(String sourceKey, String offset, long rows) {
        acknowledge(Participants.source(sourceKey));
        offsets.put(sourceKey, offset);
        rowsBySource.put(sourceKey, rows);
    }

    void snapshotWritten(String stateId, long ref, long rows, long bytes, long waitedNanos) {
        acknowledge(Participants.state(stateId));
        snapshotWaitNanos += waitedNanos;
        snapshotRefs.put(stateId, ref);
        stateRows.put(stateId, rows);
        stateBytes.put(stateId, bytes);
    }

    void sinkPrepared(String sinkKey, EpochOutput output, long sequence) {
        acknowledge(Participants.sink(sinkKey));
        sinkOutputs.put(sinkKey, output);
        sinkSequences.put(sinkKey, sequence);
    }

    void operatorReported(String operatorId, int instance, int instances, OperatorMetrics.Counts counts, long inputRows,
                          long watermark) {
        requireOpen(operatorId);
        operatorCounts.merge(operatorId, counts, OperatorMetrics.Counts::plus);
        instanceRows.computeIfAbsent(operatorId, id -> new long[instances])[instance] += inputRows;
        if (Watermarks.isTime(watermark)) {
            watermarks.merge(operatorId, watermark, Math::min);
        }
    }

    void eventTimeObserved(String nodeId, EventTimeStats stats, long watermark) {
        requireOpen(nodeId);
        eventTimes.merge(nodeId, stats, EventTimeStats::plus);
        if (Watermarks.isTime(watermark)) {
            watermarks.merge(nodeId, watermark, Math::max); // a withWatermark's instances combine by the largest
        }
    }

    private void acknowledge(String participant) {
        requireOpen(participant);
        if (!expected.contains(participant)) {
            throw new IllegalStateException("Epoch " + epoch + " was acknowledged by " + participant
                    + ", which is not part of the query; expected: " + expected);
        }
        if (!acknowledged.add(participant)) {
            throw new IllegalStateException("Epoch " + epoch + " was acknowledged twice by " + participant);
        }
    }

    private void requireOpen(String who) {
        if (complete()) {
            throw new IllegalStateException("Epoch " + epoch + " is complete, but " + who + " reported on it again");
        }
    }

    boolean complete() {
        return acknowledged.size() == expected.size();
    }

    /** Whether every source partition has marked this epoch: its boundaries are known and can be logged ahead. */
    boolean sourcesMarked() {
        return offsets.size() == expectedSources;
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

    /** State id to the journal ref of its snapshot. */
    public Map<String, Long> snapshotRefs() {
        return snapshotRefs;
    }

    /** State id to its number of entries. */
    public Map<String, Long> stateRows() {
        return stateRows;
    }

    /** State id to the encoded size of its state in bytes. */
    public Map<String, Long> stateBytes() {
        return stateBytes;
    }

    /** Sink partition key to what remains to make its output of this epoch durable and visible, in partition order. */
    public Map<String, EpochOutput> sinkOutputs() {
        return sinkOutputs;
    }

    /**
     * Sink partition key to the number of records it had been given since the query's first epoch when this epoch
     * ended: the next record's {@link io.streamline.engine.operator.RecordPosition#sequence()}.
     */
    public Map<String, Long> sinkSequences() {
        return sinkSequences;
    }

    /** Stateful operator id to its counts in this epoch (summed over instances). */
    public Map<String, OperatorMetrics.Counts> operatorCounts() {
        return operatorCounts;
    }

    /** Stateful operator id to the records each of its instances took in this epoch, by instance. */
    public Map<String, long[]> instanceRows() {
        return instanceRows;
    }

    /**
     * Watermarks recovery needs, by node id: each stateful operator's input watermark and each {@code withWatermark}'s
     * watermark as of this epoch's boundary.
     */
    public Map<String, Long> watermarks() {
        return watermarks;
    }

    /** {@code withWatermark} node id to the event times seen in this epoch. */
    public Map<String, EventTimeStats> eventTimes() {
        return eventTimes;
    }

    /**
     * The query's watermark at this epoch's marker, Spark's global one: the smallest over the {@code withWatermark}s
     * (each the largest over its instances) that have one; {@link Watermarks#NONE} if none has. Not what reaches the
     * sinks, which operators may hold back (a window passes on one below it, see {@code BoundaryCallbacks}).
     */
    public long queryWatermark() {
        long min = Watermarks.NONE;
        for (String node : eventTimes.keySet()) {
            Long w = watermarks.get(node);
            if (w != null) {
                min = Watermarks.isTime(min) ? Math.min(min, w) : w;
            }
        }
        return min;
    }

    /** How long operators' threads waited at this epoch's marker for the snapshot writer to catch up, summed. */
    public long snapshotWaitNanos() {
        return snapshotWaitNanos;
    }

    /** Rows read by all sources in this epoch. */
    public long inputRows() {
        return rowsBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
