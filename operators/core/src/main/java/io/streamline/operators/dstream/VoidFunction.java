package io.streamline.operators.dstream;

/** A function returning nothing, Spark's Java {@code VoidFunction}: e.g. {@code foreachRDD(rdd -> ...)}. */
@FunctionalInterface
public interface VoidFunction<T> {
    void call(T t) throws Exception;
}
