package io.streamline.operators.state;

import java.util.Iterator;

/**
 * The user's function of {@code flatMapGroupsWithState}: called with a key, its new values and its state, returns
 * the rows to emit. {@code mapGroupsWithState}'s function is one that returns exactly one row.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <U> output type
 */
@FunctionalInterface
public interface GroupStateFunction<K, V, S, U> {
    /** The rows for {@code key}, given its new {@code values} (none on a timeout) and its {@code state}. */
    Iterator<U> call(K key, Iterator<V> values, GroupState<S> state);
}
