package io.streamline.engine.epoch;

import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.sink.EpochOutput;

/**
 * What the parts of a running pipeline report to the epoch coordinator, once per epoch each. Called from task
 * threads at marker time (and, for snapshots, from the snapshot writer), never per record. The first three are
 * acknowledgements: an epoch commits once every source partition, state and sink partition of the query has
 * acknowledged it, each exactly once. The others add to the epoch's report and arrive before the sinks'
 * acknowledgements, since the reporting node is upstream of every sink.
 */
public interface EpochListener {
    /** A source partition emitted marker {@code epoch} after the record before {@code offset}. */
    void sourceMarked(String sourceKey, long epoch, String offset, long rowsInEpoch);

    /**
     * A state ({@code stateId}: an operator's state, or its timers) was written for {@code epoch}; {@code ref}
     * locates the snapshot in the journal, and the state has {@code stateRows} entries of {@code stateBytes} bytes encoded.
     * {@code waitedNanos} is how long the operator's thread waited at the marker for the snapshot writer to catch up.
     */
    void snapshotWritten(String stateId, long epoch, long ref, long stateRows, long stateBytes, long waitedNanos);

    /**
     * A sink partition ended {@code epoch}'s output; {@code output} says what remains to make it durable and
     * visible, done by the committer around the commit record. {@code sequence} is how many records the partition has been given since the query's first epoch, which the
     * commit record keeps so that record positions continue unchanged after a restart.
     */
    void sinkPrepared(String sinkKey, long epoch, EpochOutput output, long sequence);

    /**
     * Instance {@code instance} of {@code instances} of a stateful operator passed {@code epoch}'s boundary with
     * these counts, having taken {@code inputRows} records in the epoch; {@code watermark} is its input watermark
     * as of the boundary, which recovery gives it back.
     */
    void operatorReported(String operatorId, int instance, int instances, long epoch, OperatorMetrics.Counts counts,
                          long inputRows, long watermark);

    /**
     * A {@code withWatermark} instance saw these event times in {@code epoch}; {@code watermark} is what it passed
     * on with the marker (its largest event time minus the delay), which recovery gives every instance back.
     */
    void eventTimeObserved(String nodeId, long epoch, EventTimeStats stats, long watermark);
}
