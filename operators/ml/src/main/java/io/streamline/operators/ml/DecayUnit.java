package io.streamline.operators.ml;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a half-life counts in {@link StreamingKMeans#setHalfLife}, as Spark's time units: batches (an epoch in
 * continuous mode) or points.
 */
public enum DecayUnit {
    /** The discount is applied once per batch (epoch), whether or not it had points. */
    BATCHES,
    /** The discount is {@code decayFactor} to the power of the number of points the batch (epoch) had. */
    POINTS;

    /** The unit of Spark's name {@code "batches"} or {@code "points"}. */
    public static DecayUnit of(String name) {
        for (DecayUnit unit : values()) {
            if (unit.name().toLowerCase(Locale.ROOT).equals(name)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("Invalid time unit for decay: " + name + "; accepted: "
                + Arrays.toString(Arrays.stream(values()).map(u -> u.name().toLowerCase(Locale.ROOT)).toArray()));
    }
}
