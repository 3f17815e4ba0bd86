package io.streamline.engine;

/**
 * How long the concurrency stress tests run: a short pass by default (part of every build), and
 * {@code -Dstreamline.stress.factor=N} multiplies every stress test's iterations by {@code N} for a long run.
 */
public final class Stress {
    private Stress() {
    }

    /** {@code base} iterations times the factor. */
    public static int iterations(int base) {
        long n = (long) base * Integer.getInteger("streamline.stress.factor", 1);
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
