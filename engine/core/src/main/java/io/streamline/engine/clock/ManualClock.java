package io.streamline.engine.clock;

/**
 * A clock that moves only when told to, like Spark's {@code ManualClock}: under a
 * {@link io.streamline.engine.Trigger#batchGrid batch-grid trigger} each batch runs once the application has
 * advanced the clock to the batch's time, so tests and examples drive batches without sleeping. Thread-safe.
 */
public final class ManualClock implements BatchClock {
    private long now;

    /** A clock at time 0. */
    public ManualClock() {
        this(0);
    }

    /** A clock at {@code startMillis}. */
    public ManualClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public synchronized long millis() {
        return now;
    }

    /** Moves the clock forward by {@code millis} (not negative), waking whatever waits for the new time. */
    public synchronized void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a ManualClock only moves forward; advance(" + millis + ") is negative");
        }
        now += millis;
        notifyAll();
    }

    /** Sets the clock to {@code millis}, which must not be before its current time. */
    public synchronized void setTime(long millis) {
        if (millis < now) {
            throw new IllegalArgumentException("a ManualClock only moves forward: setTime(" + millis + ") is before " + now);
        }
        now = millis;
        notifyAll();
    }

    @Override
    public synchronized boolean awaitMillis(long target, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (now < target) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "manual clock at " + now + " ms";
    }
}
