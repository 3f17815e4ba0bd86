package io.streamline.operators.dstream;

import java.io.Serializable;

/**
 * A pair, the element type of {@link PairDStream}s, shaped like Scala's {@code Tuple2} that Spark's Java API uses
 * ({@code _1()}, {@code _2()}, printed as {@code (a,b)}), so ported code reads the same. Serializable so that
 * windows and state can checkpoint it; its components must be serializable too.
 *
 * @param _1 the first component (the key in a pair stream)
 * @param _2 the second component (the value)
 */
public record Tuple2<A, B>(A _1, B _2) implements Serializable {
    /** The pair {@code (a, b)}. */
    public static <A, B> Tuple2<A, B> of(A a, B b) {
        return new Tuple2<>(a, b);
    }

    @Override
    public String toString() {
        return "(" + _1 + "," + _2 + ")";
    }
}
