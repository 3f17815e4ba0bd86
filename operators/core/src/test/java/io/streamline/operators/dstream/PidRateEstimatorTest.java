package io.streamline.operators.dstream;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The PID rate estimator against hand-worked values (1 s batches). */
class PidRateEstimatorTest {
    private static final long BATCH = 1000;

    private static double rate(OptionalDouble estimate) {
        assertThat(estimate).isPresent();
        return estimate.getAsDouble();
    }

    @Test
    void shouldStartFromTheFirstBatchThenFollowTheProcessingRate() {
        PidRateEstimator pid = new PidRateEstimator(BATCH, Backpressure.enabled());
        assertThat(pid.compute(1800, 400, 800, 0)).as("the first batch only sets the starting point: 500/s").isEmpty();
        assertThat(rate(pid.compute(2800, 400, 800, 0))).as("no error, no delay").isCloseTo(500, within(1e-9));
        // Processing slows to 250/s: the proportional term takes the whole error of 250 off.
        assertThat(rate(pid.compute(6000, 500, 2000, 0))).isCloseTo(250, within(1e-9));
        // The next batch started 1000 ms late: 250 records held up, worked off over a 1 s batch: 0.2 * 250 off.
        assertThat(rate(pid.compute(7000, 250, 1000, 1000))).isCloseTo(200, within(1e-9));
        // Reading 200/s of a 250/s capacity: error -50 adds 50, the 800 ms delay takes 0.2 * 200 off.
        assertThat(rate(pid.compute(7800, 200, 800, 800))).isCloseTo(210, within(1e-9));
    }

    @Test
    void shouldSkipBatchesThatSayNothingAboutTheRate() {
        PidRateEstimator pid = new PidRateEstimator(BATCH, Backpressure.enabled());
        pid.compute(1000, 100, 100, 0);
        assertThat(pid.compute(2000, 0, 100, 0)).as("no records").isEmpty();
        assertThat(pid.compute(2000, 100, 0, 0)).as("no processing time").isEmpty();
        assertThat(pid.compute(1000, 100, 100, 0)).as("not after the last estimate").isEmpty();
        assertThat(rate(pid.compute(2000, 100, 100, 0))).isCloseTo(1000, within(1e-9));
    }

    @Test
    void shouldWeighTheErrorsChangeAndNeverGoBelowTheMinimumRate() {
        PidRateEstimator derivative = new PidRateEstimator(BATCH, Backpressure.enabled().pid(1, 0, 1));
        derivative.compute(1000, 100, 100, 0); // 1000/s
        // 800/s: error 200, which grew by 200 in 1 s: 1000 - 200 - 200.
        assertThat(rate(derivative.compute(2000, 100, 125, 0))).isCloseTo(600, within(1e-9));

        PidRateEstimator floor = new PidRateEstimator(BATCH, Backpressure.enabled().minRate(50));
        floor.compute(1000, 100, 100, 0);
        assertThat(rate(floor.compute(2000, 100, 100, 60_000))).as("a minute behind").isEqualTo(50);
    }

    @Test
    void shouldRefuseSettingsOutOfRangeNamingThem() {
        assertThatThrownBy(() -> Backpressure.enabled().initialRate(-1)).hasMessageContaining("initialRate must be 0 (none) or a positive");
        assertThatThrownBy(() -> Backpressure.enabled().pid(-1, 0.2, 0)).hasMessageContaining("proportional term must be 0 or more, got -1.0");
        assertThatThrownBy(() -> Backpressure.enabled().pid(1, Double.NaN, 0)).hasMessageContaining("integral term must be 0 or more");
        assertThatThrownBy(() -> Backpressure.enabled().minRate(0)).hasMessageContaining("minRate must be a positive number");
    }
}
