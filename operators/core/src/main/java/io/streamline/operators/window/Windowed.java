package io.streamline.operators.window;

import java.io.Serializable;

/**
 * The key of a windowed result: the grouping key and the window, so a result row carries the window's start and end
 * as Spark's {@code window} column does ({@code row.key().start()}).
 *
 * @param key   the grouping key
 * @param start the window's start, epoch milliseconds (inclusive)
 * @param end   the window's end, epoch milliseconds (exclusive)
 * @param <K>   grouping key type
 */
public record Windowed<K>(K key, long start, long end) implements Serializable {
    /** The window as a value. */
    public TimeWindow window() {
        return new TimeWindow(start, end);
    }

    @Override
    public String toString() {
        return "[" + java.time.Instant.ofEpochMilli(start) + ", " + java.time.Instant.ofEpochMilli(end) + ") " + key;
    }
}
