package io.streamline.operators.ml;

import java.io.Serializable;

/**
 * Count, mean and sum of squared deviations of a group's values, as Spark's {@code StatCounter} keeps them (Welford's
 * update, Chan's merge); the variance is the population variance {@code m2 / n}, which is what Spark's streaming test
 * passes to its t-tests. Immutable.
 */
record Summary(long n, double mean, double m2) implements Serializable {
    static final Summary EMPTY = new Summary(0, 0, 0);

    double variance() {
        return m2 / n;
    }

    Summary merge(Summary other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            return other;
        }
        long total = n + other.n;
        double delta = other.mean - mean;
        return new Summary(total, mean + delta * other.n / total, m2 + other.m2 + delta * delta * n * other.n / total);
    }
}
