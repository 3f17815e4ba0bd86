package io.streamline.operators.window;

/**
 * An aggregate function over the records of a window, Spark's {@code Aggregator}: an accumulator built from
 * {@link #zero()} by {@link #add}, two accumulators combined by {@link #merge} (session windows merge their
 * accumulators when a record joins two sessions), and the result read by {@link #finish}.
 *
 * <p>Accumulators are checkpointed state: a String, a boxed primitive or a {@link java.io.Serializable} type (a
 * record is best). They must be treated as immutable: {@code add} and {@code merge} return a new accumulator rather
 * than change the one they were given, since the engine's snapshot writer may still be reading it.
 *
 * @param <T> record type
 * @param <A> accumulator type
 * @param <R> result type
 */
public interface Aggregator<T, A, R> {
    /** The accumulator of no records; may be {@code null} when {@link #add} accepts {@code null} as "nothing yet". */
    A zero();

    /** {@code acc} with {@code value} added, as a new accumulator. */
    A add(A acc, T value);

    /** The accumulator of both {@code a} (the earlier records) and {@code b} (the later ones). */
    A merge(A a, A b);

    /** The result of an accumulator that has seen at least one record. */
    R finish(A acc);
}
