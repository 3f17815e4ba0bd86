package io.streamline.operators.dstream;

/** A two-argument function returning nothing, Spark's Java {@code VoidFunction2}: {@code foreachRDD((rdd, time) -> ...)}. */
@FunctionalInterface
public interface VoidFunction2<A, B> {
    void call(A a, B b) throws Exception;
}
