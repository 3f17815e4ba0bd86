package io.streamline.operators.window;

import io.streamline.engine.KeyedStream;
import io.streamline.engine.config.Durations;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Event-time windows for a keyed stream, Spark's {@code window} and {@code session_window}:
 *
 * <pre>{@code
 * events.withWatermark(Event::time, "10 minutes")
 *       .groupByKey(Event::word)
 *       .via(Windows.sliding("10 minutes", "5 minutes"))
 *       .count();                       // KeyValue<Windowed<String>, Long> per word and window
 * }</pre>
 *
 * A record's event time is the one {@code withWatermark} gave it (or the one its source stamped, as {@code rate}
 * does). Durations are {@link Duration}s or Spark's interval strings ({@code "10 minutes"}, {@code "1 hour"}).
 */
public final class Windows {
    private Windows() {
    }

    /** Tumbling windows of {@code length}: {@code [0, length), [length, 2 length), ...}. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> tumbling(Duration length) {
        return sliding(length, length, Duration.ZERO);
    }

    /** {@link #tumbling(Duration)} with Spark's interval syntax. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> tumbling(String length) {
        return tumbling(parse("window duration", length));
    }

    /** Windows of {@code length} starting every {@code slide}. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> sliding(Duration length, Duration slide) {
        return sliding(length, slide, Duration.ZERO);
    }

    /** {@link #sliding(Duration, Duration)} with Spark's interval syntax. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> sliding(String length, String slide) {
        return sliding(parse("window duration", length), parse("window slide duration", slide));
    }

    /**
     * Windows of {@code length} starting every {@code slide}, offset by {@code startTime} (Spark's
     * {@code window(col, length, slide, startTime)}: hourly windows starting at a quarter past with
     * {@code ("1 hour", "1 hour", "15 minutes")}).
     *
     * @throws IllegalArgumentException if a duration is not positive, the slide exceeds the length, or the start
     *                                  time is not smaller than the slide
     */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> sliding(Duration length, Duration slide, Duration startTime) {
        WindowSpec<T> spec = new WindowSpec.Sliding<>(length.toMillis(), slide.toMillis(), startTime.toMillis());
        return keyed -> new WindowedStream<>(keyed, spec);
    }

    /** {@link #sliding(Duration, Duration, Duration)} with Spark's interval syntax. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> sliding(String length, String slide, String startTime) {
        return sliding(parse("window duration", length), parse("window slide duration", slide),
                parse("window start time", startTime));
    }

    /**
     * Session windows with a fixed {@code gap}: a key's session lasts until {@code gap} passes without a record.
     *
     * @throws IllegalArgumentException if the gap is not positive
     */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> session(Duration gap) {
        long millis = gap.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("session window gap duration must be positive, got " + gap);
        }
        return session(t -> millis);
    }

    /** {@link #session(Duration)} with Spark's interval syntax. */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> session(String gap) {
        return session(parse("session window gap duration", gap));
    }

    /**
     * Session windows whose gap each record gives (milliseconds), as Spark's {@code session_window} with a gap
     * expression. A record whose gap is not positive stops the query with an error naming it.
     */
    public static <K, T> Function<KeyedStream<K, T>, WindowedStream<K, T>> session(ToLongFunction<? super T> gapMillis) {
        WindowSpec<T> spec = new WindowSpec.Session<>(gapMillis);
        return keyed -> new WindowedStream<>(keyed, spec);
    }

    private static Duration parse(String what, String text) {
        return Durations.parse(what, text);
    }
}
