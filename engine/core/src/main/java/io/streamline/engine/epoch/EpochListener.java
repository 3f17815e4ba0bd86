package io.streamline.engine.epoch;

/**
 * What the parts of a running pipeline report to the epoch coordinator, once per epoch each. Called from
 * task threads at marker time, never per record.
 */
public interface EpochListener {
    /** A source partition emitted marker {@code epoch} after the record before {@code offset}. */
    void sourceMarked(String sourceKey, long epoch, String offset, long rowsInEpoch);

    /**
     * A stateful operator wrote its snapshot for {@code epoch}; {@code ref} locates it in the journal, and
     * the state has {@code stateRows} entries taking {@code stateBytes} bytes encoded.
     */
    void snapshotWritten(String operatorId, long epoch, long ref, long stateRows, long stateBytes);

    /** A sink made everything of {@code epoch} durable or visible. */
    void sinkCommitted(String sinkKey, long epoch);
}
