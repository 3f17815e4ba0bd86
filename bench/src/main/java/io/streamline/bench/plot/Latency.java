package io.streamline.bench.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Latencies for people: three significant digits in the unit that suits the value (µs, ms or s), as on the
 * plot's axis and in the peers' combined table.
 */
public final class Latency {
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private Latency() {
    }

    /** {@code 0.356 µs}, {@code 87.2 µs}, {@code 9.72 ms}, {@code 365 ms}, {@code 1.11 s}. */
    public static String format(double micros) {
        if (micros < 1_000) {
            return digits(micros) + " µs";
        }
        if (micros < 1_000_000) {
            return digits(micros / 1_000) + " ms";
        }
        return digits(micros / 1_000_000) + " s";
    }

    private static String digits(double value) {
        return new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }
}
