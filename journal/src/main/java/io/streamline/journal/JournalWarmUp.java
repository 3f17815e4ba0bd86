package io.streamline.journal;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Pays Chronicle's one-time costs: the first queue a JVM opens spends about half a second initialising Chronicle
 * (its JVM and OS probes, the native POSIX binding, class loading). Run on a background thread early, that
 * overlaps with what the application does before its first journal is needed.
 *
 * <p>Only classes are initialised, through the class every journal opens first, so the warm-up and a journal
 * opened meanwhile meet at the same class initialisation lock instead of initialising Chronicle from two ends.
 */
public final class JournalWarmUp {
    private JournalWarmUp() {
    }

    /** Initialises Chronicle's classes on the calling thread (at once if they already are). */
    public static void run() {
        try {
            Class.forName(SingleChronicleQueueBuilder.class.getName(), true, JournalWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Not lost: the first journal opened fails with the same error where it can be reported.
        }
    }
}
