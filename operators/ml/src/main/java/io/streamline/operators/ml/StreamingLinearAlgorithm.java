package io.streamline.operators.ml;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.operators.dstream.DStream;
import io.streamline.operators.dstream.PairDStream;

import java.util.Collection;

/**
 * What the streaming SGD algorithms share, as MLlib's {@code StreamingLinearAlgorithm}: a model trained on a stream
 * once per micro-batch (once per epoch in continuous mode) by {@code numIterations} steps of mini-batch SGD over the
 * batch's points, starting from the previous model, and used to predict on other streams.
 *
 * <p>The defaults are Spark's: step size 0.1, 50 iterations, mini-batch fraction 1.0, convergence tolerance 0.001, no
 * intercept. The training operator's state is the model, checkpointed with each epoch or batch and restored after a
 * crash. {@link #setIntercept(boolean) setIntercept(true)} goes beyond Spark's streaming classes (whose intercept
 * stays 0): a constant feature 1.0 is appended, its weight is the intercept and it carries over from batch to batch.
 *
 * @param <M> model type
 * @param <A> the concrete algorithm, for chained setters
 */
public abstract sealed class StreamingLinearAlgorithm<M extends GeneralizedLinearModel, A extends StreamingLinearAlgorithm<M, A>>
        permits StreamingLinearRegressionWithSGD, StreamingLogisticRegressionWithSGD {
    double stepSize = 0.1;
    int numIterations = 50;
    double miniBatchFraction = 1.0;
    double convergenceTol = 0.001;
    boolean intercept;
    final ModelRef<M> latest = new ModelRef<>(null);

    StreamingLinearAlgorithm() {
    }

    @SuppressWarnings("unchecked")
    private A self() {
        return (A) this;
    }

    /** The SGD step size (default 0.1); iteration {@code i} steps by {@code stepSize / sqrt(i)}. */
    public A setStepSize(double stepSize) {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be positive and finite, got " + stepSize);
        }
        this.stepSize = stepSize;
        return self();
    }

    /** SGD iterations per batch (default 50). */
    public A setNumIterations(int numIterations) {
        if (numIterations < 1) {
            throw new IllegalArgumentException("numIterations must be at least 1, got " + numIterations);
        }
        this.numIterations = numIterations;
        return self();
    }

    /** The fraction of a batch sampled per iteration (default 1.0: every point). */
    public A setMiniBatchFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("miniBatchFraction must be in (0, 1], got " + fraction);
        }
        this.miniBatchFraction = fraction;
        return self();
    }

    /** Stop a batch's iterations once the weights move by less than this, relative to their norm (default 0.001). */
    public A setConvergenceTol(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("convergenceTol must not be negative, got " + tolerance);
        }
        this.convergenceTol = tolerance;
        return self();
    }

    /** Whether to train an intercept (default false, as Spark's streaming algorithms); see the class comment. */
    public A setIntercept(boolean intercept) {
        this.intercept = intercept;
        return self();
    }

    /** The initial weights (intercept 0); their number is the number of features. */
    public A setInitialWeights(double[] weights) {
        latest.set(create(weights, 0.0));
        return self();
    }

    /** Starts from {@code model}, e.g. one trained offline and loaded: online training continues from it. */
    public A setInitialModel(M model) {
        latest.set(model);
        return self();
    }

    /** The latest model: the initial one, then the one published after each epoch or batch of training. */
    public M latestModel() {
        return latest.get();
    }

    /** The shared reference to the latest model, for {@link Scoring}. */
    public ModelRef<M> modelRef() {
        return latest;
    }

    /**
     * Trains on {@code points}; the returned stream carries the model after each epoch or batch that had points
     * (write it to a sink to run the training query). Training starts from {@link #latestModel()} as it is when the
     * query is planned, or from the query's checkpoint when it has one.
     */
    public DataStream<M> trainOn(DataStream<LabeledPoint> points) {
        M start = requireModel();
        LinearFit<M> fit = fit();
        return points.transform(name(), context -> new SgdTrainer<>(fit, start, latest));
    }

    /**
     * Periodic retraining ("offline batches" on a stream): keeps the labelled points of the last {@code lastBatches}
     * epochs or batches and, every {@code everyBatches} of them, trains a new model on those points (one run of SGD,
     * as {@link #train}) from {@link #latestModel()} as it is when the query is planned, e.g. a pre-trained model.
     * The new model is published to {@link #modelRef()} at the end of that epoch or batch: a scoring query switches to
     * it at its next boundary without stopping. The returned stream carries each retrained model. The kept points are
     * checkpointed, so after a restart the next retraining sees the same window.
     */
    public DataStream<M> retrainOn(DataStream<LabeledPoint> points, int lastBatches, int everyBatches) {
        if (lastBatches < 1 || everyBatches < 1) {
            throw new IllegalArgumentException("retrainOn needs lastBatches and everyBatches of at least 1, got "
                    + lastBatches + " and " + everyBatches);
        }
        M base = requireModel();
        LinearFit<M> fit = fit();
        return points.transform(name() + "Retrain", context -> new PeriodicRetrainer<>(fit, base, latest, lastBatches,
                everyBatches));
    }

    /** The latest model's prediction per feature vector. */
    public DataStream<Double> predictOn(DataStream<double[]> features) {
        requireModel();
        return features.transform(name() + "Predict", context -> new ModelMap<M, double[], Double>(latest,
                name() + ".predictOn", GeneralizedLinearModel::predict));
    }

    /** The latest model's prediction per value, keeping the key. */
    public <K> DataStream<KeyValue<K, Double>> predictOnValues(DataStream<KeyValue<K, double[]>> features) {
        requireModel();
        return features.transform(name() + "PredictOnValues", context -> new ModelMap<M, KeyValue<K, double[]>,
                KeyValue<K, Double>>(latest, name() + ".predictOnValues",
                (model, kv) -> new KeyValue<>(kv.key(), model.predict(kv.value()))));
    }

    /**
     * Trains on a DStream, as Spark's {@code trainOn(DStream)}: one SGD run per non-empty batch, the model kept as the
     * context's checkpointed state (the context needs a checkpoint directory) and published to
     * {@link #latestModel()} after each batch.
     */
    public void trainOn(DStream<LabeledPoint> points) {
        M start = requireModel();
        LinearFit<M> fit = fit();
        DStreamTraining.trainOn(points, start, latest, (model, batch) -> {
            if (batch.isEmpty()) {
                return model;
            }
            TrainingBatch data = fit.newBatch(model.numFeatures());
            batch.forEach(point -> fit.add(data, point));
            return fit.fit(model, data);
        });
    }

    /** The prediction of the model latest when each batch is computed, per feature vector. */
    public DStream<Double> predictOn(DStream<double[]> features) {
        requireModel();
        return DStreamTraining.predictOn(features, latest, GeneralizedLinearModel::predict);
    }

    /** The prediction per value, keeping the key. */
    public <K> PairDStream<K, Double> predictOnValues(PairDStream<K, double[]> features) {
        requireModel();
        return DStreamTraining.predictOnValues(features, latest, GeneralizedLinearModel::predict);
    }

    /**
     * Trains offline on {@code points} as one batch (the same SGD as a streaming batch), from {@link #latestModel()};
     * the result becomes the latest model and is returned.
     */
    public M train(Collection<LabeledPoint> points) {
        M start = requireModel();
        LinearFit<M> fit = fit();
        TrainingBatch batch = fit.newBatch(start.numFeatures());
        for (LabeledPoint point : points) {
            fit.add(batch, point);
        }
        M model = fit.fit(start, batch);
        latest.set(model);
        return model;
    }

    /** The training configuration as it is now. */
    LinearFit<M> fit() {
        return new LinearFit<>(descent(), intercept, this::create, this::validLabel, labelRule());
    }

    M requireModel() {
        M model = latest.get();
        if (model == null) {
            throw new IllegalStateException(name() + ": initial weights must be set before training or predicting:"
                    + " call setInitialWeights or setInitialModel");
        }
        return model;
    }

    abstract String name();

    abstract GradientDescent descent();

    abstract M create(double[] weights, double intercept);

    abstract boolean validLabel(double label);

    abstract String labelRule();
}
