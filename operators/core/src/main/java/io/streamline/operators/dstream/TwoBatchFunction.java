package io.streamline.operators.dstream;

import java.util.List;

/** A function of two DStreams' batches at the same time and that time: joins, cogroup, transformWith. */
@FunctionalInterface
interface TwoBatchFunction<L, R, T> {
    List<T> apply(List<L> left, List<R> right, Time time);
}
