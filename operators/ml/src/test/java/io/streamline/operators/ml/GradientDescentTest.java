package io.streamline.operators.ml;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** MLlib's SGD steps against values worked out by hand (in the comments). */
class GradientDescentTest {
    private static final double EPS = 1e-12;
    private static final List<LabeledPoint> LINE = List.of(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2));

    @Test
    void linearRegressionTakesStepsOfStepSizeOverSquareRootOfTheIteration() {
        // it 1: gradient = ((0-2)*1 + (0-4)*2)/2 = -5, w = 0 + 0.1 * 5 = 0.5
        // it 2: gradient = ((0.5-2)*1 + (1-4)*2)/2 = -3.75, w = 0.5 + 0.1/sqrt(2) * 3.75
        LinearRegressionModel one = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialWeights(new double[]{0}).train(LINE);
        assertThat(one.weight(0)).isCloseTo(0.5, within(EPS));
        LinearRegressionModel two = new StreamingLinearRegressionWithSGD().setNumIterations(2)
                .setInitialWeights(new double[]{0}).train(LINE);
        assertThat(two.weight(0)).isCloseTo(0.5 + 0.1 / Math.sqrt(2) * 3.75, within(EPS));
        assertThat(two.intercept()).isZero();
    }

    @Test
    void iterationsStopOnceTheWeightsConverge() {
        // with tolerance 10 the second update already counts as converged: 50 iterations give the result of 2
        LinearRegressionModel converged = new StreamingLinearRegressionWithSGD().setNumIterations(50).setConvergenceTol(10)
                .setInitialWeights(new double[]{0}).train(LINE);
        assertThat(converged.weight(0)).isCloseTo(0.5 + 0.1 / Math.sqrt(2) * 3.75, within(EPS));
        LinearRegressionModel all = new StreamingLinearRegressionWithSGD().setNumIterations(50).setConvergenceTol(0)
                .setInitialWeights(new double[]{0}).train(LINE);
        assertThat(all.weight(0)).as("50 iterations get closer to the slope 2").isCloseTo(2.0, within(0.1))
                .isGreaterThan(converged.weight(0));
    }

    @Test
    void logisticRegressionStepsWithL2Shrinkage() {
        // batch 1, w = 0: multiplier sigmoid(0) - 1 = -0.5; step 1, shrink 1 - 0.1: w = 0 * 0.9 + 0.5 = 0.5
        // batch 2, w = 0.5: multiplier sigmoid(0.5) - 1 = -0.3775406687981454; w = 0.5 * 0.9 + 0.3775406687981454
        StreamingLogisticRegressionWithSGD sgd = new StreamingLogisticRegressionWithSGD().setStepSize(1).setNumIterations(1)
                .setRegParam(0.1).setInitialWeights(new double[]{0});
        assertThat(sgd.train(List.of(LabeledPoint.of(1, 1))).weight(0)).isCloseTo(0.5, within(EPS));
        assertThat(sgd.train(List.of(LabeledPoint.of(1, 1))).weight(0)).isCloseTo(0.45 + 0.3775406687981454, within(EPS));
        assertThat(sgd.latestModel().probability(new double[]{1})).isCloseTo(1 / (1 + Math.exp(-0.8275406687981454)), within(EPS));
        assertThat(sgd.latestModel().predict(new double[]{1})).isEqualTo(1.0);
        assertThat(sgd.latestModel().predict(new double[]{-1})).isEqualTo(0.0);
    }

    @Test
    void theInterceptIsTheWeightOfAConstantFeatureAndCarriesOver() {
        // x = 0, y = 3: only the bias moves: b = 0 - 0.1 * (0 - 3) = 0.3; next batch: b = 0.3 - 0.1 * (0.3 - 3) = 0.57
        StreamingLinearRegressionWithSGD sgd = new StreamingLinearRegressionWithSGD().setNumIterations(1).setIntercept(true)
                .setInitialWeights(new double[]{0});
        assertThat(sgd.train(List.of(LabeledPoint.of(3, 0))).intercept()).isCloseTo(0.3, within(EPS));
        LinearRegressionModel second = sgd.train(List.of(LabeledPoint.of(3, 0)));
        assertThat(second.intercept()).isCloseTo(0.57, within(EPS));
        assertThat(second.weight(0)).isZero();
    }

    @Test
    void aMiniBatchFractionSamplesTheSameWayForTheSameBatch() {
        List<LabeledPoint> points = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> LabeledPoint.of(3.0 * (i % 7), i % 7)).toList();
        StreamingLinearRegressionWithSGD half = new StreamingLinearRegressionWithSGD().setMiniBatchFraction(0.5)
                .setNumIterations(5).setConvergenceTol(0);
        LinearRegressionModel a = half.setInitialWeights(new double[]{0}).train(points);
        LinearRegressionModel b = half.setInitialWeights(new double[]{0}).train(points);
        LinearRegressionModel full = new StreamingLinearRegressionWithSGD().setNumIterations(5).setConvergenceTol(0)
                .setInitialWeights(new double[]{0}).train(points);
        assertThat(a).isEqualTo(b);
        assertThat(a.weight(0)).isNotEqualTo(full.weight(0));
    }

    @Test
    void badLabelsAndSizesAreRefusedWithTheReason() {
        StreamingLogisticRegressionWithSGD sgd = new StreamingLogisticRegressionWithSGD().setInitialWeights(new double[2]);
        assertThatThrownBy(() -> sgd.train(List.of(LabeledPoint.of(2, 1, 1)))).hasMessageContaining("labels 0 and 1 only");
        assertThatThrownBy(() -> sgd.train(List.of(LabeledPoint.of(1, 1)))).hasMessageContaining("1 values, the model has 2");
        assertThatThrownBy(() -> new StreamingLinearRegressionWithSGD().predictOn((io.streamline.engine.DataStream<double[]>) null))
                .hasMessageContaining("initial weights must be set");
    }
}
