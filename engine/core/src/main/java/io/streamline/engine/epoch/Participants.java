package io.streamline.engine.epoch;

/**
 * The names of the parts of a query that acknowledge every epoch: each source partition, each checkpointed state
 * and each sink partition. The planner lists them; the coordinator counts an epoch complete when each has
 * acknowledged it once, and refuses an acknowledgement from anything else or a second one.
 */
public final class Participants {
    private Participants() {
    }

    /** A source partition, by its key in commit records. */
    public static String source(String sourceKey) {
        return "source " + sourceKey;
    }

    /** Whether {@code participant} names a source partition. */
    public static boolean isSource(String participant) {
        return participant.startsWith("source ");
    }

    /** A checkpointed state, by its id in the journal. */
    public static String state(String stateId) {
        return "state " + stateId;
    }

    /** A sink partition, by its key. */
    public static String sink(String sinkKey) {
        return "sink " + sinkKey;
    }
}
