package io.streamline.operators.ml;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

/**
 * The operator behind {@link StreamingKMeans#trainOn}: folds each point into the epoch's update and, at the end of
 * every epoch or batch, applies it, checkpoints the new model, publishes it to the shared {@link ModelRef} and emits
 * it downstream.
 */
final class KMeansTrainer implements Operator<double[], KMeansModel> {
    private final ModelRef<KMeansModel> latest;
    private final boolean sequential;
    private final ModelState<KMeansModel> state;
    private KMeansUpdate update;

    KMeansTrainer(KMeansModel start, ModelRef<KMeansModel> latest, double decayFactor, DecayUnit unit, boolean sequential) {
        this.latest = latest;
        this.sequential = sequential;
        this.update = new KMeansUpdate(start, decayFactor, unit);
        this.state = new ModelState<>(restored -> {
            update = new KMeansUpdate(restored, decayFactor, unit);
            latest.set(restored);
        });
    }

    @Override
    public void process(double[] point, RecordMeta meta, Output<KMeansModel> out) {
        if (sequential) {
            update.addSequential(point);
        } else {
            update.add(point);
        }
    }

    @Override
    public void onEpochEnd(long epoch, Output<KMeansModel> out) {
        if (sequential) {
            update.endSequentialBatch();
        } else {
            update.endBatch();
        }
        KMeansModel model = update.toModel();
        state.set(model);
        latest.set(model);
        out.emit(model);
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
