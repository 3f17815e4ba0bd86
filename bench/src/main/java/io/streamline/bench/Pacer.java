package io.streamline.bench;

/**
 * The open-loop schedule of a fixed-rate generator: record {@code k} is due at {@code start + k / rate},
 * whatever happened to the records before it. Latency is measured from this intended instant, so a stall
 * anywhere (generator, engine, GC) shows up in every record that should have been sent during it
 * (no coordinated omission).
 */
public final class Pacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNanos;
    private final long ratePerSecond;

    /**
     * @param startNanos    {@link System#nanoTime()} at which record 0 is due
     * @param ratePerSecond records per second, positive
     */
    public Pacer(long startNanos, long ratePerSecond) {
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
}
