package io.streamline.operators.window;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The open sessions of a {@link SessionState} filed by end time, so the watermark finds those it completes without a
 * sorted map over all sessions: a session is filed, as its slot and a stamp, in the bucket of {@link #BUCKET_MILLIS}
 * holding its end; only the buckets are ordered (a min-heap of their numbers). A session that grows is filed again
 * under a new stamp and its earlier entry left where it is: when the watermark reaches that bucket, the state finds
 * the stamp stale and skips it (lazy deletion), so widening a session costs an append, not a removal.
 */
final class SessionEndBuckets {
    /**
     * Width of a bucket: a bucket the watermark is inside is walked at each watermark until it passes the bucket's
     * end, so narrow buckets waste little; wide ones keep the heap small. 8 ms at 100,000 sessions a second is 800
     * entries per bucket, a heap of about 125 buckets per second of open sessions.
     */
    static final long BUCKET_MILLIS = 8;

    /** Receives a filed session the watermark completed. */
    @FunctionalInterface
    interface DueSession {
        /** The session filed as {@code slot} under {@code stamp} ends at or before the watermark (if still current). */
        void due(int slot, long stamp);
    }

    /** The sessions filed with an end in one bucket, in the order they were filed. */
    private static final class Bucket {
        int[] slots = new int[64];
        long[] stamps = new long[64];
        long[] ends = new long[64];
        int size;

        void add(int slot, long stamp, long end) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
                stamps = Arrays.copyOf(stamps, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            slots[size] = slot;
            stamps[size] = stamp;
            ends[size++] = end;
        }
    }

    private final Long2ObjectHashMap<Bucket> buckets = new Long2ObjectHashMap<>();
    /** The numbers of the buckets in {@link #buckets}, a min-heap: the first the watermark reaches is on top. */
    private long[] heap = new long[64];
    private int heapSize;
    /** Emptied buckets, for reuse: a steady state allocates none. */
    private final ArrayDeque<Bucket> spare = new ArrayDeque<>();
    /** The bucket the last session was filed in: sessions mostly end in the order they are filed. */
    private Bucket recent;
    private long recentNumber;

    /** Files the session in {@code slot}, under {@code stamp}, as ending at {@code end}. */
    void file(int slot, long stamp, long end) {
        long number = Math.floorDiv(end, BUCKET_MILLIS);
        if (recent == null || recentNumber != number) {
            recent = bucket(number);
            recentNumber = number;
        }
        recent.add(slot, stamp, end);
    }

    /** Passes every session filed with an end at or before {@code watermark} to {@code due}, bucket by bucket. */
    void evictUpTo(long watermark, DueSession due) {
        long last = Math.floorDiv(watermark, BUCKET_MILLIS);
        while (heapSize > 0 && heap[0] <= last) {
            long number = heap[0];
            Bucket bucket = buckets.get(number);
            if (number < last || Math.floorMod(watermark, BUCKET_MILLIS) == BUCKET_MILLIS - 1) {
                for (int i = 0; i < bucket.size; i++) {
                    due.due(bucket.slots[i], bucket.stamps[i]);
                }
                drop(number, bucket);
            } else { // the watermark is inside this bucket: take what it passed, keep the rest for a later watermark
                keepAfter(bucket, watermark, due);
                if (bucket.size == 0) {
                    drop(number, bucket);
                }
                return;
            }
        }
    }

    /** Passes the bucket's sessions ending at or before {@code watermark} to {@code due} and keeps the others. */
    private static void keepAfter(Bucket bucket, long watermark, DueSession due) {
        int kept = 0;
        for (int i = 0; i < bucket.size; i++) {
            if (bucket.ends[i] <= watermark) {
                due.due(bucket.slots[i], bucket.stamps[i]);
            } else {
                bucket.slots[kept] = bucket.slots[i];
                bucket.stamps[kept] = bucket.stamps[i];
                bucket.ends[kept++] = bucket.ends[i];
            }
        }
        bucket.size = kept;
    }

    private Bucket bucket(long number) {
        Bucket bucket = buckets.get(number);
        if (bucket == null) {
            bucket = spare.isEmpty() ? new Bucket() : spare.pop();
            buckets.put(number, bucket);
            push(number);
        }
        return bucket;
    }

    /** Removes the bucket on top of the heap. */
    private void drop(long number, Bucket bucket) {
        buckets.remove(number);
        pop();
        bucket.size = 0;
        spare.push(bucket);
        if (recent == bucket) {
            recent = null;
        }
    }

    private void push(long number) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0 && heap[(i - 1) / 2] > number) {
            heap[i] = heap[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        heap[i] = number;
    }

    private void pop() {
        long moved = heap[--heapSize];
        int i = 0;
        for (int child = 1; child < heapSize; child = 2 * i + 1) {
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= moved) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moved;
    }
}
