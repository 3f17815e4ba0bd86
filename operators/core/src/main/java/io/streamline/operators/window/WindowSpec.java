package io.streamline.operators.window;

import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/** How records are assigned to windows: fixed windows ({@link Sliding}, tumbling being one) or {@link Session}s. */
public sealed interface WindowSpec<T> {
    /**
     * Windows of {@code lengthMillis} starting every {@code slideMillis}, offset from the epoch by
     * {@code startMillis}, as Spark's {@code window(col, length, slide, startTime)}; tumbling when the slide equals
     * the length. A record belongs to every window whose {@code [start, end)} holds its event time.
     *
     * @param lengthMillis window length, positive
     * @param slideMillis  distance between window starts, positive and at most the length
     * @param startMillis  offset of window starts, smaller in magnitude than the slide
     */
    record Sliding<T>(long lengthMillis, long slideMillis, long startMillis) implements WindowSpec<T> {
        /** @throws IllegalArgumentException naming the parameter at fault and what is accepted */
        public Sliding {
            if (lengthMillis <= 0) {
                throw new IllegalArgumentException("window duration must be positive, got " + lengthMillis + " ms");
            }
            if (slideMillis <= 0) {
                throw new IllegalArgumentException("window slide duration must be positive, got " + slideMillis + " ms");
            }
            if (slideMillis > lengthMillis) {
                throw new IllegalArgumentException("window slide duration (" + slideMillis + " ms) must be less than or equal"
                        + " to the window duration (" + lengthMillis + " ms), as in Spark");
            }
            if (Math.abs(startMillis) >= slideMillis) {
                throw new IllegalArgumentException("window start time (" + startMillis + " ms) must be less in absolute value"
                        + " than the slide duration (" + slideMillis + " ms), as in Spark");
            }
        }

        /** Passes the start of every window holding {@code eventTime} to {@code starts}, latest first. */
        public void assign(long eventTime, LongConsumer starts) {
            long last = eventTime - Math.floorMod(eventTime - startMillis, slideMillis);
            for (long start = last; start > eventTime - lengthMillis; start -= slideMillis) {
                starts.accept(start);
            }
        }
    }

    /**
     * Session windows, Spark's {@code session_window}: a record opens {@code [t, t + gap)}, and sessions of one key
     * that overlap or touch merge, so a session ends {@code gap} after its last record.
     *
     * @param gapMillis the gap of a record in milliseconds (fixed, or computed per record); must be positive
     */
    record Session<T>(ToLongFunction<? super T> gapMillis) implements WindowSpec<T> {
    }
}
