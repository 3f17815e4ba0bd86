package io.streamline.operators.dstream;

import java.util.OptionalDouble;

/**
 * The rate an input should be read at, re-estimated after each batch by a proportional-integral-derivative
 * controller, as Spark's {@code PIDRateEstimator}. The set point is the rate estimated last; the measured value is the
 * batch's processing rate (records over processing time). The integral part comes from the scheduling delay: a batch
 * that started {@code s} ms late was held up by about {@code s * processingRate} records that earlier batches could
 * not process, which would be worked off over one batch interval at {@code s * processingRate / interval} records
 * per second, so that much is taken off the rate as well. The first batch only sets the starting point.
 */
final class PidRateEstimator {
    private final long batchMillis;
    private final Backpressure settings;
    private boolean started;
    private long lastTime;
    private double lastRate;
    private double lastError;

    PidRateEstimator(long batchMillis, Backpressure settings) {
        this.batchMillis = batchMillis;
        this.settings = settings;
    }

    /**
     * The new rate after a batch, or empty if this batch gives none: the first one, one without records, one that
     * took no time to process, or one not after the previous.
     *
     * @param timeMillis       when the batch ended
     * @param records          the input's records in the batch
     * @param processingMillis how long the batch took, from its start to the end of its output operations
     * @param schedulingMillis how long after its batch time it started
     * @return records per second
     */
    OptionalDouble compute(long timeMillis, long records, long processingMillis, long schedulingMillis) {
        if (records <= 0 || processingMillis <= 0 || started && timeMillis <= lastTime) {
            return OptionalDouble.empty();
        }
        double processingRate = records * 1000.0 / processingMillis;
        if (!started) {
            started = true;
            lastTime = timeMillis;
            lastRate = processingRate;
            lastError = 0;
            return OptionalDouble.empty();
        }
        double error = lastRate - processingRate;
        double backlogRate = schedulingMillis * processingRate / batchMillis;
        double errorChangePerSecond = (error - lastError) * 1000.0 / (timeMillis - lastTime);
        double rate = lastRate - settings.proportional() * error - settings.integral() * backlogRate
                - settings.derivative() * errorChangePerSecond;
        lastTime = timeMillis;
        lastRate = Math.max(rate, settings.minRate());
        lastError = error;
        return OptionalDouble.of(lastRate);
    }
}
