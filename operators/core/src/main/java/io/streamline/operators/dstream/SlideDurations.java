package io.streamline.operators.dstream;

import java.time.Duration;
import java.util.List;

/** Spark's checks of window and slide durations, with messages that name the durations at fault. */
final class SlideDurations {
    private SlideDurations() {
    }

    /** The common slide duration of {@code nodes}; fails if they differ, as Spark's union and transformWith do. */
    static long same(String operation, List<Node<?>> nodes) {
        long slide = nodes.get(0).slideMillis;
        for (Node<?> node : nodes) {
            if (node.slideMillis != slide) {
                throw new IllegalArgumentException(operation + ": the DStreams have different slide durations ("
                        + nodes.stream().map(n -> n.slideMillis + " ms").toList()
                        + "); combine only DStreams with the same slide, e.g. by windowing them alike");
            }
        }
        return slide;
    }

    /**
     * The duration in milliseconds, checked to be a positive multiple of the parent's slide duration.
     *
     * @param what e.g. "window duration"
     */
    static long multipleOf(String operation, String what, Duration duration, long parentSlideMillis) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(operation + ": the " + what + " must be positive, got " + duration);
        }
        long millis = duration.toMillis();
        if (millis % parentSlideMillis != 0 || duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(operation + ": the " + what + " (" + duration.toMillis() + " ms) must be a "
                    + "multiple of the slide duration of the parent DStream (" + parentSlideMillis + " ms), which is the "
                    + "batch interval unless the parent is windowed");
        }
        return millis;
    }
}
