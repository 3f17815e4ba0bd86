package io.streamline.operators.ml;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A k-means model as MLlib's {@code StreamingKMeansModel}: cluster centers and the weight of each (the discounted
 * number of points assigned to it so far). Immutable: training publishes a new one per epoch or batch.
 */
public final class KMeansModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[][] centers;
    private final double[] weights;

    /**
     * A model of the given centers (all of one dimension) and weights (one per center, finite and not negative).
     * Both are copied.
     */
    public KMeansModel(double[][] centers, double[] weights) {
        if (centers == null || centers.length == 0) {
            throw new IllegalArgumentException("a k-means model needs at least one center");
        }
        if (weights == null || weights.length != centers.length) {
            throw new IllegalArgumentException("a k-means model needs one weight per center: " + centers.length
                    + " centers, " + (weights == null ? "no" : String.valueOf(weights.length)) + " weights");
        }
        int dim = centers[0] == null ? 0 : centers[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("k-means centers need at least one dimension");
        }
        this.centers = new double[centers.length][];
        for (int i = 0; i < centers.length; i++) {
            Vec.check("center " + i, centers[i], dim);
            this.centers[i] = centers[i].clone();
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("the weight of center " + i + " is " + weights[i]
                        + "; weights must be finite and not negative");
            }
        }
        this.weights = weights.clone();
    }

    /** Number of clusters. */
    public int k() {
        return centers.length;
    }

    /** Dimension of the points. */
    public int dimension() {
        return centers[0].length;
    }

    /** A copy of the centers. */
    public double[][] clusterCenters() {
        double[][] copy = new double[centers.length][];
        for (int i = 0; i < centers.length; i++) {
            copy[i] = centers[i].clone();
        }
        return copy;
    }

    /** A copy of the cluster weights. */
    public double[] clusterWeights() {
        return weights.clone();
    }

    /** Coordinate {@code d} of center {@code cluster}, without copying. */
    public double center(int cluster, int d) {
        return centers[cluster][d];
    }

    /** Weight of center {@code cluster}. */
    public double weight(int cluster) {
        return weights[cluster];
    }

    /** The index of the center closest to {@code point} (squared Euclidean distance; the lowest index on a tie). */
    public int predict(double[] point) {
        Vec.check("k-means point", point, dimension());
        return nearest(centers, point);
    }

    static int nearest(double[][] centers, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < centers.length; i++) {
            double d = Vec.squaredDistance(centers[i], point);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Writes the model to {@code path} in the format of {@link ModelFiles}. */
    public void save(Path path) throws IOException {
        ModelFiles.save(this, path);
    }

    /** Reads a k-means model written by {@link #save}. */
    public static KMeansModel load(Path path) throws IOException {
        return ModelFiles.load(path, KMeansModel.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansModel m && Arrays.deepEquals(m.centers, centers) && Arrays.equals(m.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(centers) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "KMeansModel(centers=" + Arrays.deepToString(centers) + ", weights=" + Arrays.toString(weights) + ")";
    }
}
