package io.streamline.engine.exec;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A crash-test hook: with system property {@code streamline.test.haltBeforeCommit} set to a probability,
 * the JVM halts (as after {@code kill -9}) between the sinks' commit of a micro-batch and its commit record,
 * the moment exactly-once recovery must handle. Unset, it costs one field read per batch.
 */
final class FaultInjection {
    private static final double HALT_BEFORE_COMMIT = Double.parseDouble(System.getProperty("streamline.test.haltBeforeCommit", "0"));

    private FaultInjection() {
    }

    /** Halts the JVM with the configured probability. */
    static void maybeHaltBeforeCommit() {
        if (HALT_BEFORE_COMMIT > 0 && ThreadLocalRandom.current().nextDouble() < HALT_BEFORE_COMMIT) {
            Runtime.getRuntime().halt(137);
        }
    }
}
