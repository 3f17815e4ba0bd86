package io.streamline.operators.dstream;

import java.util.Optional;

/**
 * The function of {@link PairDStream#mapWithState}, Spark's {@code Function3<K, Optional<V>, State<S>, M>}: called
 * for every record of the batch with its key and value, and once more, without a value, for a key that timed out.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <M> mapped type (a {@code null} result adds nothing to the mapped stream)
 */
@FunctionalInterface
public interface MappingFunction<K, V, S, M> {
    /** Maps one record (or a timing-out key, with an empty value), reading and changing the key's state. */
    M call(K key, Optional<V> value, State<S> state) throws Exception;
}
