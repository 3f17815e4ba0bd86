package io.streamline.operators.ml;

/**
 * The working copy of a k-means model being trained, with MLlib's update rules. One instance per training operator,
 * touched by its thread only; the record path allocates nothing.
 *
 * <p>Batch rule ({@link #add} per point, {@link #endBatch} per batch), as {@code StreamingKMeansModel.update}: each
 * point is assigned to the nearest center of the model as it was at the start of the batch; at the end every
 * cluster's weight is multiplied by the discount ({@code decayFactor}, or {@code decayFactor^m} for {@code m} points
 * with time unit points), then each cluster {@code j} that received {@code m_j > 0} points with sum {@code s_j} gets
 * {@code n_j' = n_j a + m_j} and {@code c_j' = (1 - m_j / n_j') c_j + s_j / n_j'}; finally, if the smallest weight
 * is below 1e-8 of the largest, the largest cluster is split in two (see {@link #splitDyingCluster}).
 *
 * <p>Sequential rule ({@link #addSequential} per point, {@link #endSequentialBatch} per epoch), beyond Spark: the
 * same rule applied to every point as if it were a batch of one, against the centers as the previous point left
 * them. With time unit points each point first discounts every weight by {@code decayFactor}; with time unit batches
 * the discount is applied once per epoch, before its first point (or at its end if it had none). So with one point
 * per epoch both rules give the same model.
 */
final class KMeansUpdate {
    private final double[][] centers;
    private final double[] weights;
    private final double[][] sums;
    private final long[] counts;
    private final double decayFactor;
    private final DecayUnit unit;
    private final int dim;
    private boolean discountPending = true;

    KMeansUpdate(KMeansModel model, double decayFactor, DecayUnit unit) {
        this.centers = model.clusterCenters();
        this.weights = model.clusterWeights();
        this.dim = model.dimension();
        this.sums = new double[centers.length][dim];
        this.counts = new long[centers.length];
        this.decayFactor = decayFactor;
        this.unit = unit;
    }

    int dimension() {
        return dim;
    }

    /** Adds a point of the current batch: assigned against the centers the batch started with. */
    void add(double[] point) {
        Vec.check("k-means training point", point, dim);
        int j = KMeansModel.nearest(centers, point);
        double[] sum = sums[j];
        for (int d = 0; d < dim; d++) {
            sum[d] += point[d];
        }
        counts[j]++;
    }

    /** Applies the batch's points as Spark's batch update does, then resets for the next batch. */
    void endBatch() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double discount = unit == DecayUnit.BATCHES ? decayFactor : Math.pow(decayFactor, total);
        for (int j = 0; j < weights.length; j++) {
            weights[j] *= discount;
        }
        for (int j = 0; j < centers.length; j++) {
            long count = counts[j];
            if (count == 0) {
                continue;
            }
            double updatedWeight = weights[j] + count;
            double lambda = count / Math.max(updatedWeight, 1e-16);
            weights[j] = updatedWeight;
            double[] center = centers[j];
            double[] sum = sums[j];
            for (int d = 0; d < dim; d++) {
                center[d] = (1.0 - lambda) * center[d] + (lambda / count) * sum[d];
                sum[d] = 0;
            }
            counts[j] = 0;
        }
        splitDyingCluster();
    }

    /** Applies one point at once (sequential k-means). */
    void addSequential(double[] point) {
        Vec.check("k-means training point", point, dim);
        if (unit == DecayUnit.POINTS) {
            discountAll();
        } else if (discountPending) {
            discountAll();
            discountPending = false;
        }
        int j = KMeansModel.nearest(centers, point);
        double updatedWeight = weights[j] + 1;
        double lambda = 1 / Math.max(updatedWeight, 1e-16);
        weights[j] = updatedWeight;
        double[] center = centers[j];
        for (int d = 0; d < dim; d++) {
            center[d] = (1.0 - lambda) * center[d] + lambda * point[d];
        }
    }

    /** The end of an epoch in sequential mode: the per-batch discount if no point applied it, then the split check. */
    void endSequentialBatch() {
        if (unit == DecayUnit.BATCHES && discountPending) {
            discountAll();
        }
        discountPending = true;
        splitDyingCluster();
    }

    private void discountAll() {
        for (int j = 0; j < weights.length; j++) {
            weights[j] *= decayFactor;
        }
    }

    /**
     * Spark's check for a dying cluster: if the smallest weight is below 1e-8 of the largest (first index of each on
     * ties), both get the mean of the two weights, and the smallest cluster's center moves next to the largest's: the
     * largest's coordinates {@code x} become {@code x + p} and the smallest's {@code x - p}, {@code p = 1e-14 max(|x|, 1)}.
     */
    private void splitDyingCluster() {
        int largest = 0;
        int smallest = 0;
        for (int j = 1; j < weights.length; j++) {
            if (weights[j] > weights[largest]) {
                largest = j;
            }
            if (weights[j] < weights[smallest]) {
                smallest = j;
            }
        }
        double maxWeight = weights[largest];
        double minWeight = weights[smallest];
        if (minWeight < 1e-8 * maxWeight) {
            double weight = (maxWeight + minWeight) / 2.0;
            weights[largest] = weight;
            weights[smallest] = weight;
            for (int d = 0; d < dim; d++) {
                double x = centers[largest][d];
                double p = 1e-14 * Math.max(Math.abs(x), 1.0);
                centers[largest][d] = x + p;
                centers[smallest][d] = x - p;
            }
        }
    }

    /** An immutable copy of the model as it stands. */
    KMeansModel toModel() {
        return new KMeansModel(centers, weights);
    }
}
