package io.streamline.engine.epoch;

/**
 * The epoch the coordinator has asked sources to close, which source tasks poll between records, and when each
 * epoch began, which operators read at boundaries (their context's epoch time, processing-time timers).
 */
public interface EpochClock {
    /** The latest epoch whose marker sources should emit (a volatile read). */
    long requestedEpoch();

    /**
     * When {@code epoch} began, in epoch milliseconds: continuous mode, when the previous epoch's markers were
     * requested (or the query started); micro-batch mode, the batch's logged trigger time. Known to any thread
     * that has seen the marker closing {@code epoch - 1}, or, micro-batch, once the batch is running.
     */
    long epochStartMillis(long epoch);
}
