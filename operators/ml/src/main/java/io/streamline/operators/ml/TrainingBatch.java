package io.streamline.operators.ml;

import java.util.Arrays;

/**
 * The labelled points of one epoch or batch, copied into flat arrays that are reused from batch to batch (SGD makes
 * several passes over a batch, so it must be kept; copying means the caller's arrays are never held). With an
 * intercept, each row ends with a constant 1.0, as MLlib's {@code appendBias}.
 */
final class TrainingBatch {
    private final int numFeatures;
    private final int width;
    private double[] x;
    private double[] y;
    private int n;

    TrainingBatch(int numFeatures, boolean intercept) {
        this.numFeatures = numFeatures;
        this.width = numFeatures + (intercept ? 1 : 0);
        this.x = new double[width * 64];
        this.y = new double[64];
    }

    void add(double label, double[] features) {
        Vec.check("training point", features, numFeatures);
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("training point: the label is " + label + "; labels must be finite");
        }
        if (n == y.length) {
            y = Arrays.copyOf(y, n * 2);
            x = Arrays.copyOf(x, n * 2 * width);
        }
        int row = n * width;
        System.arraycopy(features, 0, x, row, numFeatures);
        if (width > numFeatures) {
            x[row + numFeatures] = 1.0;
        }
        y[n++] = label;
    }

    int size() {
        return n;
    }

    int width() {
        return width;
    }

    double label(int i) {
        return y[i];
    }

    /** {@code weights . row i}. */
    double dot(int i, double[] weights) {
        int row = i * width;
        double s = 0;
        for (int d = 0; d < width; d++) {
            s += weights[d] * x[row + d];
        }
        return s;
    }

    /** {@code into += factor * row i}. */
    void addScaled(int i, double factor, double[] into) {
        int row = i * width;
        for (int d = 0; d < width; d++) {
            into[d] += factor * x[row + d];
        }
    }

    void clear() {
        n = 0;
    }
}
