package io.streamline.operators.state;

import java.util.Iterator;

/**
 * The user's function of {@code mapGroupsWithState}: called with a key, its new values and its state, returns one row.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <U> output type
 */
@FunctionalInterface
public interface MapGroupsFunction<K, V, S, U> {
    /** The row for {@code key}, given its new {@code values} (none on a timeout) and its {@code state}. */
    U call(K key, Iterator<V> values, GroupState<S> state);
}
