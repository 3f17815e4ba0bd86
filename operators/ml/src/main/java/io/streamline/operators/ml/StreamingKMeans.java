package io.streamline.operators.ml;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.operators.dstream.DStream;
import io.streamline.operators.dstream.PairDStream;

import java.util.List;
import java.util.Random;

/**
 * Online k-means, as MLlib's {@code StreamingKMeans}, on typed streams in continuous and micro-batch mode.
 *
 * <pre>{@code
 * StreamingKMeans kmeans = new StreamingKMeans().setK(3).setDecayFactor(0.5).setRandomCenters(2, 0.0, 42);
 * kmeans.trainOn(points).writeStream().format("memory").queryName("models").start();   // one query trains
 * kmeans.predictOn(other).writeStream()...start();                                     // another predicts
 * }</pre>
 *
 * <p>{@link #trainOn} updates the model once per micro-batch, or once per epoch in continuous mode, with Spark's
 * rule (see {@code KMeansUpdate}): points are assigned to the nearest center of the model the batch started with;
 * at the end the discount {@code a} (the decay factor; with time unit points {@code a^m} for a batch of {@code m}
 * points) multiplies every cluster's weight, also of clusters that received no point and in batches with no point
 * (continuous mode closes an epoch every interval, so with time unit batches an idle stream keeps forgetting, once per
 * epoch; micro-batch mode runs a batch only when there is data); then {@code c' = (c n a + x m) / (n a + m)} and
 * {@code n' = n a + m} per cluster, {@code x} being the mean of its {@code m} new points; a cluster whose weight falls
 * below 1e-8 of the largest is replaced by a split of the largest, as Spark does. The model is the training
 * operator's state: checkpointed with the epoch or batch, restored after a crash, so training resumes from the
 * last committed model and the records replayed after it are folded in exactly once more.
 *
 * <p>{@link #setSequential(boolean) Sequential mode}, beyond Spark, updates the centers with every point (meant for
 * continuous mode, where an epoch may be long): each point is a batch of one against the centers the previous point
 * left; with time unit points each point discounts every weight by the decay factor, with time unit batches the
 * discount is applied once per epoch, before its first point. The model is still published and checkpointed once
 * per epoch.
 *
 * <p>Prediction ({@link #predictOn}, {@link #predictOnValues}) uses {@link #latestModel()} as it was at the start
 * of the predicting query's epoch or batch; training in one query and predicting in another is the pattern of
 * Spark's examples.
 */
public final class StreamingKMeans {
    private int k = 2;
    private double decayFactor = 1.0;
    private DecayUnit timeUnit = DecayUnit.BATCHES;
    private boolean sequential;
    private final ModelRef<KMeansModel> latest = new ModelRef<>(null);

    /** Number of clusters (default 2). */
    public StreamingKMeans setK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        return this;
    }

    /**
     * The decay factor {@code a} (default 1: all batches weigh the same; 0: only the latest batch counts), with time
     * unit batches.
     */
    public StreamingKMeans setDecayFactor(double a) {
        if (!(a >= 0 && a <= 1)) {
            throw new IllegalArgumentException("decayFactor must be between 0 and 1, got " + a);
        }
        this.decayFactor = a;
        this.timeUnit = DecayUnit.BATCHES;
        return this;
    }

    /**
     * The decay as a half-life: after {@code halfLife} time units the weight of data is halved, so
     * {@code decayFactor = exp(ln 0.5 / halfLife)}; {@code timeUnit} is {@code "batches"} or {@code "points"}.
     */
    public StreamingKMeans setHalfLife(double halfLife, String timeUnit) {
        DecayUnit unit = DecayUnit.of(timeUnit);
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
        this.decayFactor = Math.exp(Math.log(0.5) / halfLife);
        this.timeUnit = unit;
        return this;
    }

    /**
     * Whether training updates the centers with every point (sequential k-means, see the class comment) rather
     * than once per epoch or batch (default false, Spark's rule).
     */
    public StreamingKMeans setSequential(boolean sequential) {
        this.sequential = sequential;
        return this;
    }

    /**
     * {@code k} random centers of dimension {@code dim}, each coordinate drawn from a standard normal distribution
     * with {@code seed} (java.util.Random's Gaussian, so the centers differ from Spark's for the same seed), each of
     * weight {@code weight}.
     */
    public StreamingKMeans setRandomCenters(int dim, double weight, long seed) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be at least 1, got " + dim);
        }
        Random random = new Random(seed);
        double[][] centers = new double[k][dim];
        double[] weights = new double[k];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < dim; d++) {
                centers[i][d] = random.nextGaussian();
            }
            weights[i] = weight;
        }
        latest.set(new KMeansModel(centers, weights));
        return this;
    }

    /** The initial centers and their weights (the number of centers sets {@code k}). */
    public StreamingKMeans setInitialCenters(double[][] centers, double[] weights) {
        return setInitialModel(new KMeansModel(centers, weights));
    }

    /**
     * Starts from {@code model}, e.g. one trained offline and {@link KMeansModel#load loaded}: online training then
     * continues from its centers and weights.
     */
    public StreamingKMeans setInitialModel(KMeansModel model) {
        this.k = model.k();
        latest.set(model);
        return this;
    }

    /** The latest model: the initial one, then the one published by training at the end of each epoch or batch. */
    public KMeansModel latestModel() {
        return latest.get();
    }

    /** The shared reference to the latest model, for {@link Scoring} or operators of the application's own. */
    public ModelRef<KMeansModel> modelRef() {
        return latest;
    }

    /**
     * Trains on {@code points}: the returned stream carries the model after each epoch or batch (write it to a sink
     * to run the training query; the memory sink keeps the history). Training starts from {@link #latestModel()} as it
     * is when the query is planned, or from the query's checkpoint when it has one.
     */
    public DataStream<KMeansModel> trainOn(DataStream<double[]> points) {
        KMeansModel start = requireModel();
        double a = decayFactor;
        DecayUnit unit = timeUnit;
        boolean perPoint = sequential;
        return points.transform("streamingKMeans", context -> new KMeansTrainer(start, latest, a, unit, perPoint));
    }

    /** The index of the nearest center of the latest model, per point. */
    public DataStream<Integer> predictOn(DataStream<double[]> points) {
        requireModel();
        return points.transform("kMeansPredict", context -> new ModelMap<KMeansModel, double[], Integer>(latest,
                "StreamingKMeans.predictOn", KMeansModel::predict));
    }

    /** The index of the nearest center per value, keeping the key, as Spark's {@code predictOnValues}. */
    public <K> DataStream<KeyValue<K, Integer>> predictOnValues(DataStream<KeyValue<K, double[]>> points) {
        requireModel();
        return points.transform("kMeansPredictOnValues", context -> new ModelMap<KMeansModel, KeyValue<K, double[]>,
                KeyValue<K, Integer>>(latest, "StreamingKMeans.predictOnValues",
                (model, kv) -> new KeyValue<>(kv.key(), model.predict(kv.value()))));
    }

    /**
     * Trains on a DStream, as Spark's {@code trainOn(DStream)}: one update per batch (empty batches included), the
     * model kept as the context's checkpointed state (the context needs a checkpoint directory) and published to
     * {@link #latestModel()} after each batch.
     */
    public void trainOn(DStream<double[]> points) {
        KMeansModel start = requireModel();
        double a = decayFactor;
        DecayUnit unit = timeUnit;
        boolean perPoint = sequential;
        DStreamTraining.trainOn(points, start, latest, (model, batch) -> update(model, batch, a, unit, perPoint));
    }

    /** The index of the nearest center of the model latest when each batch is computed. */
    public DStream<Integer> predictOn(DStream<double[]> points) {
        requireModel();
        return DStreamTraining.predictOn(points, latest, KMeansModel::predict);
    }

    /** The index of the nearest center per value, keeping the key. */
    public <K> PairDStream<K, Integer> predictOnValues(PairDStream<K, double[]> points) {
        requireModel();
        return DStreamTraining.predictOnValues(points, latest, KMeansModel::predict);
    }

    private static KMeansModel update(KMeansModel model, List<double[]> batch, double a, DecayUnit unit, boolean perPoint) {
        KMeansUpdate update = new KMeansUpdate(model, a, unit);
        for (double[] point : batch) {
            if (perPoint) {
                update.addSequential(point);
            } else {
                update.add(point);
            }
        }
        if (perPoint) {
            update.endSequentialBatch();
        } else {
            update.endBatch();
        }
        return update.toModel();
    }

    /**
     * Trains offline, outside any stream, by running the same update over {@code batches} in order (each element
     * is one batch), starting from {@link #latestModel()}; the result becomes the latest model and is returned.
     */
    public KMeansModel train(List<? extends List<double[]>> batches) {
        KMeansModel model = requireModel();
        for (List<double[]> batch : batches) {
            model = update(model, batch, decayFactor, timeUnit, sequential);
        }
        latest.set(model);
        return model;
    }

    private KMeansModel requireModel() {
        KMeansModel model = latest.get();
        if (model == null) {
            throw new IllegalStateException("Initial cluster centers must be set before starting predictions or training:"
                    + " call setRandomCenters, setInitialCenters or setInitialModel");
        }
        return model;
    }
}
