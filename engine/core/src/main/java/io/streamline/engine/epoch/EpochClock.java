package io.streamline.engine.epoch;

/** The epoch the coordinator has asked sources to close; sources poll it between records. */
public interface EpochClock {
    /** The latest epoch whose marker sources should emit (a volatile read). */
    long requestedEpoch();
}
