package io.streamline.operators.ml;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.StateChanges;
import io.streamline.engine.state.KeyedState;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * The operator behind {@link StreamingLinearAlgorithm#retrainOn}: keeps the labelled points of the last
 * {@code lastBatches} epochs or batches and, at the end of every {@code everyBatches}-th one, trains a new model on
 * them from the base model, publishes it (users of the {@link ModelRef} switch at their next boundary) and emits it.
 * The kept batches and the model are checkpointed (each batch once, when it closes), so a restarted query retrains on
 * the same points.
 */
final class PeriodicRetrainer<M extends GeneralizedLinearModel> implements Operator<LabeledPoint, M> {
    private static final String MODEL = "model";
    private static final String BATCHES = "batches";

    /** The points of one closed batch, in flat arrays; never changed once stored. */
    record PointBatch(double[] labels, double[] features) implements Serializable {
    }

    private final LinearFit<M> fit;
    private final M base;
    private final ModelRef<M> latest;
    private final int lastBatches;
    private final int everyBatches;
    private final int numFeatures;
    private final KeyedState<Object, Object> entries = new KeyedState<>();
    private double[] labels = new double[64];
    private double[] features;
    private int size;
    private long batches;

    PeriodicRetrainer(LinearFit<M> fit, M base, ModelRef<M> latest, int lastBatches, int everyBatches) {
        this.fit = fit;
        this.base = base;
        this.latest = latest;
        this.lastBatches = lastBatches;
        this.everyBatches = everyBatches;
        this.numFeatures = base.numFeatures();
        this.features = new double[64 * numFeatures];
    }

    @Override
    public void process(LabeledPoint point, RecordMeta meta, Output<M> out) {
        fit.checkLabel(point);
        Vec.check("training point", point.features(), numFeatures);
        if (size == labels.length) {
            labels = java.util.Arrays.copyOf(labels, size * 2);
            features = java.util.Arrays.copyOf(features, size * 2 * numFeatures);
        }
        labels[size] = point.label();
        System.arraycopy(point.features(), 0, features, size * numFeatures, numFeatures);
        size++;
    }

    @Override
    public void onEpochEnd(long epoch, Output<M> out) {
        batches++;
        entries.put(BATCHES, batches);
        if (size > 0) {
            entries.put(batches, new PointBatch(java.util.Arrays.copyOf(labels, size),
                    java.util.Arrays.copyOf(features, size * numFeatures)));
            size = 0;
        }
        entries.remove(batches - lastBatches);
        if (batches % everyBatches != 0) {
            return;
        }
        TrainingBatch window = fit.newBatch(numFeatures);
        double[] row = new double[numFeatures];
        for (long b = batches - lastBatches + 1; b <= batches; b++) {
            if (entries.get(b) instanceof PointBatch batch) {
                for (int i = 0; i < batch.labels().length; i++) {
                    System.arraycopy(batch.features(), i * numFeatures, row, 0, numFeatures);
                    window.add(batch.labels()[i], row);
                }
            }
        }
        if (window.size() == 0) {
            return;
        }
        M model = fit.fit(base, window);
        entries.put(MODEL, model);
        latest.set(model);
        out.emit(model);
    }

    @Override
    public OperatorState state() {
        return new OperatorState() {
            @Override
            public void snapshot(BiConsumer<Object, Object> out) {
                entries.snapshot(out);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void restore(Object key, Object value) {
                entries.restore(key, value);
                if (MODEL.equals(key)) {
                    latest.set((M) value);
                } else if (BATCHES.equals(key)) {
                    batches = (Long) value;
                }
            }

            @Override
            public long numRows() {
                return entries.numRows();
            }

            @Override
            public StateChanges takeChanges() {
                return entries.takeChanges();
            }
        };
    }
}
