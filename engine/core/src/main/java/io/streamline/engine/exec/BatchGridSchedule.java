package io.streamline.engine.exec;

import io.streamline.engine.Trigger;
import io.streamline.engine.clock.BatchClock;

import java.util.Optional;

/**
 * The batch times of a {@link Trigger.BatchGrid} query: a fixed grid of the interval on the trigger's clock. A
 * new query's first batch is at the first multiple of the interval after the clock's time at start (Spark
 * Streaming's {@code RecurringTimer}); a restarted one continues one interval after the last batch it planned,
 * so the times missed while it was down run one after another and the grid never shifts.
 */
final class BatchGridSchedule {
    private final long intervalMillis;
    private final BatchClock clock;
    private long next;

    /**
     * @param startMillis       the clock's time when the query started
     * @param lastPlannedMillis the time of the last batch in the offset log, if the checkpoint has one
     */
    BatchGridSchedule(Trigger.BatchGrid grid, long startMillis, Optional<Long> lastPlannedMillis) {
        this.intervalMillis = grid.interval().toMillis();
        this.clock = grid.clock();
        this.next = lastPlannedMillis.map(t -> t + intervalMillis)
                .orElseGet(() -> Math.floorDiv(startMillis, intervalMillis) * intervalMillis + intervalMillis);
    }

    /** The time of the next batch to run. */
    long next() {
        return next;
    }

    /** The next batch was planned: move to the one after it. */
    void advance() {
        next += intervalMillis;
    }

    /**
     * Waits at most {@code sliceMillis} for the clock to reach the next batch's time.
     *
     * @return whether the next batch is due
     */
    boolean awaitDue(long sliceMillis) throws InterruptedException {
        return clock.awaitMillis(next, sliceMillis);
    }
}
