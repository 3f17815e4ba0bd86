package io.streamline.journal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.table.AbstractTSQueueLock;

/**
 * Releases a queue write lock that an earlier process with this process's PID left behind.
 *
 * <p>Chronicle stores the PID of the appending process in the queue's write lock. When a process dies mid-append,
 * the next process to open the queue frees the lock only if that PID is no longer alive. After a restart in a
 * fresh container the engine often gets the same PID (e.g. 1), so Chronicle sees the lock as held by a live
 * process: the first append waits {@code recoveryTimeoutMillis} and then fails. A lock holding this PID while no
 * log in this JVM has the queue open can only be such a leftover, so it is released when the first log opens.
 * Queues opened directly through Chronicle in this JVM are not tracked.
 */
final class StaleWriteLock {

    /** Chronicle's table-store key of the write lock (private in {@code TableStoreWriteLock}). */
    static final String LOCK_KEY = "chronicle.write.lock";

    private static final long THIS_PID = Jvm.getProcessId();
    private static final Map<Path, Integer> OPEN_LOGS = new HashMap<>();

    private StaleWriteLock() {
    }

    /** Records that a log opened {@code queue}; the first opener in this JVM releases a leftover lock. */
    static synchronized void opened(SingleChronicleQueue queue) {
        if (OPEN_LOGS.merge(key(queue), 1, Integer::sum) == 1) {
            try (LongValue lock = queue.metaStore().acquireValueFor(LOCK_KEY)) {
                if (lock.compareAndSwapValue(THIS_PID, AbstractTSQueueLock.UNLOCKED)) {
                    Jvm.warn().on(StaleWriteLock.class, "Released the write lock of " + queue.file()
                            + " left by an earlier process with this PID (" + THIS_PID + ")");
                }
            }
        }
    }

    /** Records that a log closed {@code queue}. */
    static synchronized void closed(SingleChronicleQueue queue) {
        OPEN_LOGS.computeIfPresent(key(queue), (dir, count) -> count == 1 ? null : count - 1);
    }

    private static Path key(SingleChronicleQueue queue) {
        return queue.file().toPath().toAbsolutePath().normalize();
    }
}
