package io.streamline.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * GC and allocation counters at one instant, to tell what happened inside a measured window. Allocation is
 * counted per thread for every live thread except the measuring one, so the runner's own snapshots do not
 * count: what is left is the workload's record path plus its per-epoch work.
 *
 * @param gcCount          collections so far, all collectors
 * @param gcMillis         accumulated collection time
 * @param allocatedByThread bytes allocated so far, by thread id
 */
record JvmCounters(long gcCount, long gcMillis, Map<Long, Long> allocatedByThread) {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The counters now. */
    static JvmCounters read() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        long self = Thread.currentThread().getId();
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> allocated = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && bytes[i] >= 0) {
                allocated.put(ids[i], bytes[i]);
            }
        }
        return new JvmCounters(count, millis, allocated);
    }

    /** Bytes allocated since {@code earlier} by the threads alive now (a thread started in between counts from 0). */
    long allocatedSince(JvmCounters earlier) {
        long total = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread.entrySet()) {
            total += e.getValue() - earlier.allocatedByThread.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }
}
