package io.streamline.engine.operator;

import java.util.function.Consumer;

/**
 * {@code flatMap}'s function: passes any number of results to {@code out}. A consumer rather than a
 * returned collection, so the engine needs no iterator or list per record.
 */
@FunctionalInterface
public interface FlatMapFunction<I, O> {
    /** Emits the results for {@code value}. */
    void flatMap(I value, Consumer<O> out);
}
