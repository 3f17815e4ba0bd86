package io.streamline.engine.epoch;

/** Makes a fully acknowledged epoch durable (the commit record) and reports its progress. */
@FunctionalInterface
public interface EpochCommitter {
    /** Called once per epoch, in epoch order, on the coordinator's committer thread. */
    void commit(EpochReport report);
}
