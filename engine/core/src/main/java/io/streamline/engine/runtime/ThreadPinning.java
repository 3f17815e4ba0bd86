package io.streamline.engine.runtime;

import net.openhft.affinity.AffinityLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Pins task threads to cores with OpenHFT Java-Thread-Affinity, where the machine has a core free for
 * each; a thread that gets none runs unpinned (the library logs why). Records the outcome per thread for
 * {@code explain()}.
 */
public final class ThreadPinning {
    private final Map<String, String> outcome = new ConcurrentHashMap<>();

    /** Wraps {@code factory} so each thread it makes holds an affinity lock for its whole life. */
    public ThreadFactory pinning(ThreadFactory factory) {
        return work -> factory.newThread(() -> {
            AffinityLock lock = AffinityLock.acquireLock();
            outcome.put(Thread.currentThread().getName(), lock.isBound() ? "cpu " + lock.cpuId() : "unpinned (no free core)");
            try {
                work.run();
            } finally {
                lock.release();
            }
        });
    }

    /** Thread name to "cpu N" or why it is unpinned. */
    public Map<String, String> outcome() {
        return Map.copyOf(outcome);
    }
}
