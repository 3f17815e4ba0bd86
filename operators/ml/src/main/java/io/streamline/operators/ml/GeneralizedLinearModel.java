package io.streamline.operators.ml;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A linear model: weights and an intercept, as MLlib's {@code GeneralizedLinearModel}. Immutable; thread-safe, so
 * it is its own {@link Scorer}.
 */
public abstract sealed class GeneralizedLinearModel implements ScoringModel, Scorer, Serializable
        permits LinearRegressionModel, LogisticRegressionModel {
    private static final long serialVersionUID = 1L;

    private final double[] weights;
    private final double intercept;

    GeneralizedLinearModel(double[] weights, double intercept) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("a linear model needs at least one weight");
        }
        Vec.check("model weights", weights, weights.length);
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("the intercept must be finite, got " + intercept);
        }
        this.weights = weights.clone();
        this.intercept = intercept;
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** Weight {@code i}, without copying. */
    public double weight(int i) {
        return weights[i];
    }

    /** The intercept (0 unless training adds one, {@link StreamingLinearAlgorithm#setIntercept}). */
    public double intercept() {
        return intercept;
    }

    @Override
    public int numFeatures() {
        return weights.length;
    }

    /** {@code weights . features + intercept}. */
    public double margin(double[] features) {
        Vec.check("features", features, weights.length);
        return Vec.dot(weights, features, weights.length) + intercept;
    }

    /** The model's prediction for {@code features}. */
    public abstract double predict(double[] features);

    @Override
    public Scorer scorer() {
        return this;
    }

    /** Writes the model to {@code path} in the format of {@link ModelFiles}. */
    public void save(Path path) throws IOException {
        ModelFiles.save(this, path);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(((GeneralizedLinearModel) o).weights, weights)
                && Double.compare(((GeneralizedLinearModel) o).intercept, intercept) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Double.hashCode(intercept);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(weights=" + Arrays.toString(weights) + ", intercept=" + intercept + ")";
    }
}
