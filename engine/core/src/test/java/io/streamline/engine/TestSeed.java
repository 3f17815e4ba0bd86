package io.streamline.engine;

import java.util.Random;

/**
 * The random seed of a randomised test: system property {@code streamline.test.seed} when set (to replay a
 * failure), otherwise a fresh one; printed either way, so any run can be repeated exactly.
 */
public final class TestSeed {
    private TestSeed() {
    }

    /** The seed for {@code test}, printed to standard output. */
    public static long of(String test) {
        String given = System.getProperty("streamline.test.seed");
        long seed = given != null ? Long.parseLong(given) : System.nanoTime();
        System.out.println(test + ": seed " + seed + " (replay with -Dstreamline.test.seed=" + seed + ")");
        return seed;
    }

    /** A random generator seeded by {@link #of}. */
    public static Random random(String test) {
        return new Random(of(test));
    }
}
