package io.streamline.journal;

import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Pays Chronicle's one-time costs on a background thread. The first queue a JVM opens spends about half a second
 * initialising Chronicle (its JVM and OS probes, the native POSIX binding, class loading); started early, that
 * overlaps with what the application does before its first journal is needed.
 *
 * <p>Only classes are initialised, through the class every journal opens first, so the warm-up and a journal
 * opened meanwhile meet at the same class initialisation lock instead of initialising Chronicle from two ends.
 */
public final class JournalWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private JournalWarmUp() {
    }

    /** Starts the warm-up once per JVM; later calls do nothing. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread warmUp = new Thread(JournalWarmUp::initialise, "streamline-journal-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void initialise() {
        try {
            Class.forName(SingleChronicleQueueBuilder.class.getName(), true, JournalWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Not lost: the first journal opened fails with the same error where it can be reported.
        }
    }
}
