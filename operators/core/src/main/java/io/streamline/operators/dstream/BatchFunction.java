package io.streamline.operators.dstream;

import java.util.List;

/** A function of one batch and its time, which every one-parent transformation is. */
@FunctionalInterface
interface BatchFunction<P, T> {
    List<T> apply(List<P> batch, Time time);
}
