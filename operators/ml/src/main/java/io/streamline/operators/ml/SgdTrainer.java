package io.streamline.operators.ml;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

/**
 * The operator behind {@code trainOn} of the SGD algorithms: copies the epoch's points into a reused batch and, at
 * the end of an epoch or batch that had points, runs SGD from the current model, checkpoints the result, publishes it
 * and emits it. An epoch without points leaves the model as it was, as Spark skips an empty batch.
 */
final class SgdTrainer<M extends GeneralizedLinearModel> implements Operator<LabeledPoint, M> {
    private final LinearFit<M> fit;
    private final ModelRef<M> latest;
    private final TrainingBatch batch;
    private final ModelState<M> state;
    private M model;

    SgdTrainer(LinearFit<M> fit, M start, ModelRef<M> latest) {
        this.fit = fit;
        this.latest = latest;
        this.model = start;
        this.batch = fit.newBatch(start.numFeatures());
        this.state = new ModelState<>(restored -> {
            model = restored;
            latest.set(restored);
        });
    }

    @Override
    public void process(LabeledPoint point, RecordMeta meta, Output<M> out) {
        fit.add(batch, point);
    }

    @Override
    public void onEpochEnd(long epoch, Output<M> out) {
        if (batch.size() == 0) {
            return;
        }
        model = fit.fit(model, batch);
        batch.clear();
        state.set(model);
        latest.set(model);
        out.emit(model);
    }

    @Override
    public OperatorState state() {
        return state;
    }
}
