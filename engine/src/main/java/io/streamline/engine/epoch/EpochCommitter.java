package io.streamline.engine.epoch;

/** Makes a fully acknowledged epoch durable (the commit record) and reports its progress. */
@FunctionalInterface
public interface EpochCommitter {
    /** Called once per epoch, in epoch order, on the thread that delivered the last acknowledgement. */
    void commit(EpochReport report);
}
