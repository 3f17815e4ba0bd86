package io.streamline.engine.clock;

/**
 * The processing-time clock that a {@link io.streamline.engine.Trigger#batchGrid batch-grid trigger} schedules
 * batches by: the wall clock ({@link #SYSTEM}) in applications, a {@link ManualClock} in tests and examples, so
 * that a batch runs only when the application moves time on, as with Spark Streaming's {@code ManualClock}.
 */
public interface BatchClock {
    /** The wall clock ({@link System#currentTimeMillis()}). */
    BatchClock SYSTEM = new BatchClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public boolean awaitMillis(long target, long timeoutMillis) throws InterruptedException {
            long wait = Math.min(target - System.currentTimeMillis(), timeoutMillis);
            if (wait > 0) {
                Thread.sleep(wait);
            }
            return System.currentTimeMillis() >= target;
        }

        @Override
        public String toString() {
            return "system clock";
        }
    };

    /** The current time in epoch milliseconds. */
    long millis();

    /**
     * Waits until {@link #millis()} reaches {@code target} or {@code timeoutMillis} passed, whichever comes first
     * (the batch driver waits in short slices so that a stop request is noticed).
     *
     * @return whether the clock reached {@code target}
     */
    boolean awaitMillis(long target, long timeoutMillis) throws InterruptedException;
}
