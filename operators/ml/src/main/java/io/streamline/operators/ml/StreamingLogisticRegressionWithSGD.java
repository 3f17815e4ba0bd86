package io.streamline.operators.ml;

/**
 * Streaming binary logistic regression, as MLlib's {@code StreamingLogisticRegressionWithSGD}: per batch, SGD on the
 * logistic loss with Spark's {@code SquaredL2Updater} (each step first shrinks the weights by
 * {@code 1 - step * regParam}; {@code regParam} defaults to 0). Labels must be 0 or 1, as Spark validates them.
 */
public final class StreamingLogisticRegressionWithSGD
        extends StreamingLinearAlgorithm<LogisticRegressionModel, StreamingLogisticRegressionWithSGD> {
    private double regParam;

    /** The L2 regularisation parameter (default 0.0). */
    public StreamingLogisticRegressionWithSGD setRegParam(double regParam) {
        if (!(regParam >= 0) || !Double.isFinite(regParam)) {
            throw new IllegalArgumentException("regParam must be finite and not negative, got " + regParam);
        }
        this.regParam = regParam;
        return this;
    }

    @Override
    String name() {
        return "StreamingLogisticRegressionWithSGD";
    }

    @Override
    GradientDescent descent() {
        return new GradientDescent(GradientDescent.Loss.LOGISTIC, true, stepSize, numIterations, regParam,
                miniBatchFraction, convergenceTol);
    }

    @Override
    LogisticRegressionModel create(double[] weights, double intercept) {
        return new LogisticRegressionModel(weights, intercept);
    }

    @Override
    boolean validLabel(double label) {
        return label == 0.0 || label == 1.0;
    }

    @Override
    String labelRule() {
        return "logistic regression accepts labels 0 and 1 only";
    }
}
