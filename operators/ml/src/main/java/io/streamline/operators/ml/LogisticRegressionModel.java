package io.streamline.operators.ml;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A binary logistic model, as MLlib's {@code LogisticRegressionModel}: the probability of class 1 is
 * {@code 1 / (1 + exp(-(weights . x + intercept)))}; {@link #predict} gives 1.0 when it exceeds the threshold
 * (default 0.5) and 0.0 otherwise, or the probability itself once the threshold is cleared.
 */
public final class LogisticRegressionModel extends GeneralizedLinearModel {
    private static final long serialVersionUID = 1L;
    private static final double DEFAULT_THRESHOLD = 0.5;

    /** NaN for "cleared". */
    private final double threshold;

    /** A model of {@code weights} (copied) and {@code intercept}, with threshold 0.5. */
    public LogisticRegressionModel(double[] weights, double intercept) {
        this(weights, intercept, DEFAULT_THRESHOLD);
    }

    private LogisticRegressionModel(double[] weights, double intercept, double threshold) {
        super(weights, intercept);
        this.threshold = threshold;
    }

    /** The same model with another threshold, between 0 and 1. */
    public LogisticRegressionModel withThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold must be between 0 and 1, got " + threshold);
        }
        return new LogisticRegressionModel(weights(), intercept(), threshold);
    }

    /** The same model predicting probabilities rather than classes, as Spark's {@code clearThreshold}. */
    public LogisticRegressionModel clearThreshold() {
        return new LogisticRegressionModel(weights(), intercept(), Double.NaN);
    }

    /** The threshold, NaN if cleared. */
    public double threshold() {
        return threshold;
    }

    /** The probability of class 1. */
    public double probability(double[] features) {
        return 1.0 / (1.0 + Math.exp(-margin(features)));
    }

    @Override
    public double predict(double[] features) {
        double p = probability(features);
        if (Double.isNaN(threshold)) {
            return p;
        }
        return p > threshold ? 1.0 : 0.0;
    }

    /** The probability of class 1, whatever the threshold: what a scoring pipeline compares with its own. */
    @Override
    public double score(double[] features) {
        return probability(features);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Double.compare(((LogisticRegressionModel) o).threshold, threshold) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(threshold);
    }

    /** Reads a model written by {@link #save}. */
    public static LogisticRegressionModel load(Path path) throws IOException {
        return ModelFiles.load(path, LogisticRegressionModel.class);
    }
}
