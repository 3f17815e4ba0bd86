package io.streamline.operators.dstream;

/** A three-argument function, Spark's Java {@code Function3}: {@code transformWith(other, (a, b, time) -> ...)}. */
@FunctionalInterface
public interface Function3<A, B, C, R> {
    R call(A a, B b, C c) throws Exception;
}
