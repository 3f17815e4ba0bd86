package io.streamline.operators.ml;

/**
 * Streaming least-squares regression, as MLlib's {@code StreamingLinearRegressionWithSGD}: per batch, SGD on
 * {@code (w.x - y)^2 / 2} with the plain step {@code w -= stepSize / sqrt(i) * gradient} (Spark's
 * {@code SimpleUpdater}: linear regression with SGD has no regularisation in Spark, and none here).
 *
 * <pre>{@code
 * StreamingLinearRegressionWithSGD model = new StreamingLinearRegressionWithSGD().setInitialWeights(new double[3]);
 * model.trainOn(labelled).writeStream()...start();
 * model.predictOn(features).writeStream()...start();
 * }</pre>
 */
public final class StreamingLinearRegressionWithSGD
        extends StreamingLinearAlgorithm<LinearRegressionModel, StreamingLinearRegressionWithSGD> {

    @Override
    String name() {
        return "StreamingLinearRegressionWithSGD";
    }

    @Override
    GradientDescent descent() {
        return new GradientDescent(GradientDescent.Loss.LEAST_SQUARES, false, stepSize, numIterations, 0.0,
                miniBatchFraction, convergenceTol);
    }

    @Override
    LinearRegressionModel create(double[] weights, double intercept) {
        return new LinearRegressionModel(weights, intercept);
    }

    @Override
    boolean validLabel(double label) {
        return Double.isFinite(label);
    }

    @Override
    String labelRule() {
        return "labels must be finite numbers";
    }
}
