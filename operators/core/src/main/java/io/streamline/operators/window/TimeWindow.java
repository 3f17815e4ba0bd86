package io.streamline.operators.window;

import java.io.Serializable;

/**
 * An event-time window {@code [start, end)} in epoch milliseconds: the namespace of a window's state. Ordered by end
 * (then start), so the windows a watermark completes, those ending at or before it, come first.
 *
 * @param start first millisecond in the window
 * @param end   first millisecond after it
 */
public record TimeWindow(long start, long end) implements Comparable<TimeWindow>, Serializable {
    /** The bound that orders after every window ending at or before {@code time} and before every other. */
    static TimeWindow endingAtOrBefore(long time) {
        return new TimeWindow(Long.MAX_VALUE, time);
    }

    @Override
    public int compareTo(TimeWindow other) {
        int byEnd = Long.compare(end, other.end);
        return byEnd != 0 ? byEnd : Long.compare(start, other.start);
    }
}
