package io.streamline.operators.ml;

import java.io.IOException;
import java.nio.file.Path;

/** A least-squares linear model: the prediction is {@code weights . x + intercept}. */
public final class LinearRegressionModel extends GeneralizedLinearModel {
    private static final long serialVersionUID = 1L;

    /** A model of {@code weights} (copied) and {@code intercept}. */
    public LinearRegressionModel(double[] weights, double intercept) {
        super(weights, intercept);
    }

    @Override
    public double predict(double[] features) {
        return margin(features);
    }

    @Override
    public double score(double[] features) {
        return predict(features);
    }

    /** Reads a model written by {@link #save}. */
    public static LinearRegressionModel load(Path path) throws IOException {
        return ModelFiles.load(path, LinearRegressionModel.class);
    }
}
