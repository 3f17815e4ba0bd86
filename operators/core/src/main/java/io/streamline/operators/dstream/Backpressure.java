package io.streamline.operators.dstream;

/**
 * Spark's {@code spark.streaming.backpressure.*} settings for {@link StreamingContext#backpressure}: each input's
 * rate (records per second) is re-estimated after every batch by a PID controller from how fast the batch was
 * processed and how late it started, as Spark's {@code PIDRateEstimator}, and the next batches read at most that
 * many records per second of batch interval. Immutable: each method returns a new instance.
 *
 * <pre>{@code ssc.backpressure(Backpressure.enabled().initialRate(10_000));}</pre>
 *
 * @param initialRate  records per second per input before the first estimate ({@code backpressure.initialRate});
 *                     0 for no limit until then, as in Spark (a burst in the first two batches is then read whole)
 * @param proportional weight of the current error: the last estimate minus the last batch's processing rate
 *                     ({@code backpressure.pid.proportional}, default 1)
 * @param integral     weight of the accumulated error, derived from the last batch's scheduling delay
 *                     ({@code backpressure.pid.integral}, default 0.2)
 * @param derivative   weight of the error's change per second ({@code backpressure.pid.derived}, default 0)
 * @param minRate      the lowest rate estimated, records per second, so that some data always flows
 *                     ({@code backpressure.pid.minRate}, default 100)
 */
public record Backpressure(long initialRate, double proportional, double integral, double derivative, double minRate) {
    /** Checks the settings, naming the one at fault and what is accepted. */
    public Backpressure {
        if (initialRate < 0) {
            throw new IllegalArgumentException("Backpressure initialRate must be 0 (none) or a positive number of records per "
                    + "second, got " + initialRate);
        }
        requireAtLeastZero("proportional", proportional);
        requireAtLeastZero("integral", integral);
        requireAtLeastZero("derivative", derivative);
        if (!(minRate > 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("Backpressure minRate must be a positive number of records per second, got " + minRate);
        }
    }

    private static void requireAtLeastZero(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Backpressure " + name + " term must be 0 or more, got " + value);
        }
    }

    /** Backpressure with Spark's defaults: no initial rate, PID 1 / 0.2 / 0, minimum rate 100 records per second. */
    public static Backpressure enabled() {
        return new Backpressure(0, 1.0, 0.2, 0.0, 100);
    }

    /** The same with {@code recordsPerSecond} per input until the first estimate (0 for none). */
    public Backpressure initialRate(long recordsPerSecond) {
        return new Backpressure(recordsPerSecond, proportional, integral, derivative, minRate);
    }

    /** The same with other PID weights. */
    public Backpressure pid(double proportionalTerm, double integralTerm, double derivativeTerm) {
        return new Backpressure(initialRate, proportionalTerm, integralTerm, derivativeTerm, minRate);
    }

    /** The same with another lowest estimate, in records per second. */
    public Backpressure minRate(double recordsPerSecond) {
        return new Backpressure(initialRate, proportional, integral, derivative, recordsPerSecond);
    }
}
