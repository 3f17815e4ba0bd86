package io.streamline.engine.runtime;

import java.util.Arrays;

/**
 * The requests of {@code StreamingQuery.processAllAvailable()} as the threads that read the sources see them.
 * Each request gets the next number. A reader (a source task in continuous mode, the batch driver in micro-batch
 * mode) notices a new number between polls, on its own thread, notes the offset just past what its source has
 * available at that moment, and reports the request caught up once it has read (and, for the batch driver,
 * committed) up to there. Readers report the newest number they saw, which covers every older request too: the
 * offset was noted after those requests were made.
 *
 * <p>Thread-safety: {@link #requested()} is a volatile read, cheap enough to make between every poll; the rest
 * is guarded by this object's monitor.
 */
public final class CatchUpRequests {
    private final long[] caughtUp;
    private volatile long requested;

    /** @param readers how many readers must catch up for a request to be done */
    public CatchUpRequests(int readers) {
        this.caughtUp = new long[readers];
    }

    /** Makes a new request; returns its number. */
    public synchronized long request() {
        return ++requested;
    }

    /** The newest request's number; 0 before the first (a volatile read). */
    public long requested() {
        return requested;
    }

    /** Reader {@code reader} has read up to the offset it noted for request {@code request}. */
    public synchronized void caughtUp(int reader, long request) {
        if (request > caughtUp[reader]) {
            caughtUp[reader] = request;
            notifyAll();
        }
    }

    /**
     * Waits until every reader caught up with {@code request}.
     *
     * @return whether they did within {@code timeoutMillis}
     */
    public synchronized boolean awaitCaughtUp(long request, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (Arrays.stream(caughtUp).min().orElse(request) < request) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
