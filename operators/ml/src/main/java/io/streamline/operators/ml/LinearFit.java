package io.streamline.operators.ml;

import java.util.function.BiFunction;
import java.util.function.DoublePredicate;

/**
 * One configuration of SGD training, fixed when a training query is planned (later setter calls on the algorithm
 * do not change a running query): runs {@link GradientDescent} on a batch from a model and makes the next model.
 */
final class LinearFit<M extends GeneralizedLinearModel> {
    private final GradientDescent descent;
    private final boolean intercept;
    private final BiFunction<double[], Double, M> create;
    private final DoublePredicate validLabel;
    private final String labelRule;

    LinearFit(GradientDescent descent, boolean intercept, BiFunction<double[], Double, M> create,
              DoublePredicate validLabel, String labelRule) {
        this.descent = descent;
        this.intercept = intercept;
        this.create = create;
        this.validLabel = validLabel;
        this.labelRule = labelRule;
    }

    TrainingBatch newBatch(int numFeatures) {
        return new TrainingBatch(numFeatures, intercept);
    }

    /** Adds {@code point} to {@code batch}, failing with a clear message on a label the algorithm does not accept. */
    void add(TrainingBatch batch, LabeledPoint point) {
        checkLabel(point);
        batch.add(point.label(), point.features());
    }

    /** Fails with a clear message on a label the algorithm does not accept. */
    void checkLabel(LabeledPoint point) {
        if (!validLabel.test(point.label())) {
            throw new IllegalArgumentException("training point " + point + ": " + labelRule);
        }
    }

    /** The model after SGD on {@code batch} from {@code start}. */
    M fit(M start, TrainingBatch batch) {
        int n = start.numFeatures();
        double[] initial = new double[batch.width()];
        for (int d = 0; d < n; d++) {
            initial[d] = start.weight(d);
        }
        if (intercept) {
            initial[n] = start.intercept();
        }
        double[] trained = descent.run(batch, initial);
        double[] weights = java.util.Arrays.copyOf(trained, n);
        return create.apply(weights, intercept ? trained[n] : 0.0);
    }
}
