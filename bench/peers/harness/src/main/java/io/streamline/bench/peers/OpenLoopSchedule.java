package io.streamline.bench.peers;

import java.io.Serializable;

/**
 * The open-loop schedule of a fixed-rate generator: record {@code k} is due at {@code start + k / rate},
 * whatever happened to the records before it (the schedule of {@code io.streamline.bench.Pacer}, which the
 * engine's runner uses; it is not shared so that the peers' classpaths carry no engine classes). Each record
 * is stamped with its due instant, so a stall anywhere shows up in every record that should have been sent
 * during it (no coordinated omission). Serializable because the peers ship sources to their tasks.
 */
public final class OpenLoopSchedule implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNanos;
    private final long ratePerSecond;

    /**
     * @param startNanos    {@link System#nanoTime()} at which record 0 is due
     * @param ratePerSecond records per second, positive
     */
    public OpenLoopSchedule(long startNanos, long ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    /** The {@link System#nanoTime()} at which record {@code k} is due. */
    public long dueNanos(long k) {
        // Whole seconds and remainder separately: k * 1e9 alone overflows after ~9e9 records.
        long seconds = k / ratePerSecond;
        long rest = k % ratePerSecond;
        return startNanos + seconds * NANOS_PER_SECOND + rest * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * Spins on {@link System#nanoTime()} until record {@code k} is due (parking would overshoot by tens of
     * microseconds, see MEASURED.md) and returns its due instant.
     */
    public long awaitDue(long k) {
        long due = dueNanos(k);
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
        return due;
    }

    /** How many records are due at {@code nowNanos}: records {@code 0 .. dueBy(now) - 1}. */
    public long dueBy(long nowNanos) {
        if (nowNanos - startNanos < 0) {
            return 0;
        }
        // Record k is due iff floor(k * 1e9 / rate) <= elapsed, i.e. k < (elapsed + 1) * rate / 1e9: the count
        // is that bound rounded up, taken apart into whole seconds and remainder so that it cannot overflow.
        long span = nowNanos - startNanos + 1;
        long seconds = span / NANOS_PER_SECOND;
        long rest = span % NANOS_PER_SECOND;
        return seconds * ratePerSecond + (rest * ratePerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
