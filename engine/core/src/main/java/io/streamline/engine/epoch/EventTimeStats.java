package io.streamline.engine.epoch;

/**
 * Event times a {@code withWatermark} instance saw in one epoch, for the {@code eventTime} block of progress
 * reports (Spark's {@code min}, {@code max}, {@code avg}).
 *
 * @param min   smallest event time, epoch milliseconds
 * @param max   largest event time
 * @param sum   sum of event times (for the average)
 * @param count how many records had one; 0 means the other fields mean nothing
 */
public record EventTimeStats(long min, long max, double sum, long count) {
    /** No records. */
    public static final EventTimeStats EMPTY = new EventTimeStats(Long.MAX_VALUE, Long.MIN_VALUE, 0, 0);

    /** The statistics of both. */
    public EventTimeStats plus(EventTimeStats other) {
        return new EventTimeStats(Math.min(min, other.min), Math.max(max, other.max), sum + other.sum, count + other.count);
    }
}
