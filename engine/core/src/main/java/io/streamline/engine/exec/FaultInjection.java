package io.streamline.engine.exec;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-test hooks: the JVM halts (as after {@code kill -9}) in one of the two windows of an epoch's commit that
 * recovery must handle, each with the probability its system property gives. Unset, each costs one field read per
 * epoch or batch.
 * <ul>
 *   <li>{@code streamline.test.haltBeforeCommit}: after every sink made the epoch's output durable, before its
 *       commit record (exit code {@value #BEFORE_COMMIT_RECORD}): the epoch must be replayed, its prepared output
 *       discarded;</li>
 *   <li>{@code streamline.test.haltBeforeSinkCommit}: after the commit record, before the sinks made the output
 *       visible (exit code {@value #BEFORE_SINK_COMMIT}): the sinks must finish the commit when the query restarts.</li>
 * </ul>
 */
final class FaultInjection {
    /** Exit code of a halt before the commit record. */
    static final int BEFORE_COMMIT_RECORD = 137;
    /** Exit code of a halt between the commit record and the sinks' commit. */
    static final int BEFORE_SINK_COMMIT = 138;

    private static final double HALT_BEFORE_COMMIT = probability("streamline.test.haltBeforeCommit");
    private static final double HALT_BEFORE_SINK_COMMIT = probability("streamline.test.haltBeforeSinkCommit");

    private FaultInjection() {
    }

    /** Halts the JVM with the configured probability, before an epoch's commit record. */
    static void maybeHaltBeforeCommit() {
        maybeHalt(HALT_BEFORE_COMMIT, BEFORE_COMMIT_RECORD);
    }

    /** Halts the JVM with the configured probability, between an epoch's commit record and its sinks' commit. */
    static void maybeHaltBeforeSinkCommit() {
        maybeHalt(HALT_BEFORE_SINK_COMMIT, BEFORE_SINK_COMMIT);
    }

    private static void maybeHalt(double probability, int exitCode) {
        if (probability > 0 && ThreadLocalRandom.current().nextDouble() < probability) {
            Runtime.getRuntime().halt(exitCode);
        }
    }

    private static double probability(String property) {
        return Double.parseDouble(System.getProperty(property, "0"));
    }
}
