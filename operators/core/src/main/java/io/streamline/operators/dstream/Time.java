package io.streamline.operators.dstream;

import java.io.Serializable;

/**
 * A batch time, as Spark Streaming's {@code Time}: epoch milliseconds on the context's clock, a multiple of the
 * batch interval counted from the context's zero time. Prints as {@code "1357008430000 ms"}.
 *
 * @param milliseconds the batch time in epoch milliseconds
 */
public record Time(long milliseconds) implements Serializable, Comparable<Time> {
    @Override
    public int compareTo(Time other) {
        return Long.compare(milliseconds, other.milliseconds);
    }

    @Override
    public String toString() {
        return milliseconds + " ms";
    }
}
