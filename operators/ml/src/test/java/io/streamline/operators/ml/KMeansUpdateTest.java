package io.streamline.operators.ml;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Spark's k-means update rule against values worked out by hand (in the comments). */
class KMeansUpdateTest {
    private static final double EPS = 1e-12;

    private static KMeansModel run(KMeansModel start, double decay, DecayUnit unit, List<List<double[]>> batches) {
        KMeansUpdate update = new KMeansUpdate(start, decay, unit);
        for (List<double[]> batch : batches) {
            batch.forEach(update::add);
            update.endBatch();
        }
        return update.toModel();
    }

    private static KMeansModel twoCenters(double w0, double w1) {
        return new KMeansModel(new double[][]{{0}, {10}}, new double[]{w0, w1});
    }

    @Test
    void decayOneWithZeroInitialWeightsGivesTheMeanOfThePoints() {
        // weights 0: lambda = m / (0 + m) = 1, so each center becomes the mean of its points: (1+2)/2, (11+13)/2
        KMeansModel model = run(twoCenters(0, 0), 1.0, DecayUnit.BATCHES, List.of(List.of(new double[]{1}, new double[]{2},
                new double[]{11}, new double[]{13})));
        assertThat(model.center(0, 0)).isCloseTo(1.5, within(EPS));
        assertThat(model.center(1, 0)).isCloseTo(12.0, within(EPS));
        assertThat(model.clusterWeights()).containsExactly(2.0, 2.0);
    }

    @Test
    void decayHalfPerBatchDiscountsTheOldWeight() {
        // discount 0.5: weights 1 -> 0.5. c0: m=2, n'=2.5, lambda=0.8, c = 0.2*0 + 0.8*1.5 = 1.2.
        // c1: m=1, n'=1.5, lambda=2/3, c = 10/3 + 22/3 = 32/3.
        KMeansModel model = run(twoCenters(1, 1), 0.5, DecayUnit.BATCHES,
                List.of(List.of(new double[]{1}, new double[]{2}, new double[]{11})));
        assertThat(model.center(0, 0)).isCloseTo(1.2, within(EPS));
        assertThat(model.center(1, 0)).isCloseTo(32.0 / 3, within(EPS));
        assertThat(model.clusterWeights()).containsExactly(2.5, 1.5);
    }

    @Test
    void timeUnitPointsDiscountsByTheDecayToThePowerOfTheBatchSize() {
        // 3 points: discount 0.5^3 = 0.125; weights 8 -> 1. c0: m=2, n'=3, c = (1*0 + 3)/3 = 1. c1: m=1, n'=2, c = (10+11)/2.
        KMeansModel model = run(twoCenters(8, 8), 0.5, DecayUnit.POINTS,
                List.of(List.of(new double[]{1}, new double[]{2}, new double[]{11})));
        assertThat(model.center(0, 0)).isCloseTo(1.0, within(EPS));
        assertThat(model.center(1, 0)).isCloseTo(10.5, within(EPS));
        assertThat(model.clusterWeights()).containsExactly(3.0, 2.0);
    }

    @Test
    void clustersWithoutPointsAndBatchesWithoutPointsAreDiscountedToo() {
        // batch 1: only cluster 0 gets a point; cluster 1's weight 4 -> 2 all the same. batch 2 (empty): 3 -> 1.5, 2 -> 1.
        KMeansModel model = run(twoCenters(4, 4), 0.5, DecayUnit.BATCHES, List.of(List.of(new double[]{3}), List.of()));
        assertThat(model.clusterWeights()).containsExactly(1.5, 1.0);
        assertThat(model.center(0, 0)).isCloseTo(1.0, within(EPS)); // (2*0 + 3)/3
        assertThat(model.center(1, 0)).isEqualTo(10.0);
    }

    @Test
    void anEmptyBatchDoesNotDiscountWithTimeUnitPoints() {
        KMeansModel model = run(twoCenters(4, 4), 0.5, DecayUnit.POINTS, List.of(List.of()));
        assertThat(model.clusterWeights()).containsExactly(4.0, 4.0);
    }

    @Test
    void aDyingClusterIsReplacedBySplittingTheLargest() {
        // c0 gets (1 + 0)/2 = 0.5 with weight 2; c1 keeps weight 0 < 1e-8 * 2: both weights become (2 + 0)/2 = 1 and
        // the centers 0.5 +- 1e-14 * max(0.5, 1).
        KMeansModel model = run(new KMeansModel(new double[][]{{0}, {100}}, new double[]{1, 0}), 1.0, DecayUnit.BATCHES,
                List.of(List.of(new double[]{1})));
        assertThat(model.clusterWeights()).containsExactly(1.0, 1.0);
        assertThat(model.center(0, 0)).isEqualTo(0.5 + 1e-14);
        assertThat(model.center(1, 0)).isEqualTo(0.5 - 1e-14);
    }

    @Test
    void sequentialUpdatesWithOnePointPerEpochEqualTheBatchRule() {
        List<double[]> points = List.of(new double[]{1, 1}, new double[]{9, 8}, new double[]{2, 0}, new double[]{8, 9},
                new double[]{1.5, 0.5});
        KMeansModel start = new KMeansModel(new double[][]{{0, 0}, {10, 10}}, new double[]{1, 1});
        for (DecayUnit unit : DecayUnit.values()) {
            KMeansUpdate sequential = new KMeansUpdate(start, 0.7, unit);
            for (double[] p : points) {
                sequential.addSequential(p);
                sequential.endSequentialBatch();
            }
            KMeansModel batched = run(start, 0.7, unit, points.stream().map(List::of).toList());
            assertThat(sequential.toModel()).as(unit.name()).isEqualTo(batched);
        }
    }

    @Test
    void sequentialUpdatesMoveTheCenterWithEveryPoint() {
        // weight 1 at 0; point 2: n=2, c = 1; point 4: n=3, c = 1 + (4-1)/3 = 2 (the running mean of 0, 2, 4)
        KMeansUpdate update = new KMeansUpdate(new KMeansModel(new double[][]{{0}, {100}}, new double[]{1, 1}), 1.0,
                DecayUnit.POINTS);
        update.addSequential(new double[]{2});
        assertThat(update.toModel().center(0, 0)).isCloseTo(1.0, within(EPS));
        update.addSequential(new double[]{4});
        assertThat(update.toModel().center(0, 0)).isCloseTo(2.0, within(EPS));
    }

    @Test
    void halfLifeGivesTheDecayFactorThatHalvesTheWeight() {
        StreamingKMeans kmeans = new StreamingKMeans().setHalfLife(2, "batches")
                .setInitialCenters(new double[][]{{0}, {10}}, new double[]{8, 8});
        // two empty batches at half-life 2 halve the weights
        KMeansModel model = kmeans.train(List.of(List.of(), List.of()));
        assertThat(model.weight(0)).isCloseTo(4.0, within(EPS));
        assertThatThrownBy(() -> kmeans.setHalfLife(2, "seconds")).hasMessageContaining("Invalid time unit for decay: seconds")
                .hasMessageContaining("batches").hasMessageContaining("points");
    }

    @Test
    void badPointsAreRefusedWithTheReason() {
        KMeansUpdate update = new KMeansUpdate(twoCenters(1, 1), 1.0, DecayUnit.BATCHES);
        assertThatThrownBy(() -> update.add(new double[]{1, 2})).hasMessageContaining("2 values, the model has 1 dimensions");
        assertThatThrownBy(() -> update.add(new double[]{Double.NaN})).hasMessageContaining("non-finite");
    }
}
