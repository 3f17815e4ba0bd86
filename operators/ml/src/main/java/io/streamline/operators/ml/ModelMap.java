package io.streamline.operators.ml;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.BiFunction;

/**
 * A stateless operator applying the latest model of a {@link ModelRef} to each record: the model is read when the
 * operator is created and again at each epoch or batch boundary, so one epoch's records all see the same model.
 */
final class ModelMap<M, I, O> implements Operator<I, O> {
    private final ModelRef<M> ref;
    private final BiFunction<M, I, O> apply;
    private final String what;
    private M model;

    ModelMap(ModelRef<M> ref, String what, BiFunction<M, I, O> apply) {
        this.ref = ref;
        this.what = what;
        this.apply = apply;
        this.model = ref.get();
    }

    @Override
    public void process(I value, RecordMeta meta, Output<O> out) {
        if (model == null) {
            model = ref.get();
            if (model == null) {
                throw new IllegalStateException(what + ": no model yet; set initial centers or weights (or load a model)"
                        + " before predicting");
            }
        }
        out.emit(apply.apply(model, value));
    }

    @Override
    public void onEpochEnd(long epoch, Output<O> out) {
        M latest = ref.get();
        if (latest != null) {
            model = latest;
        }
    }
}
