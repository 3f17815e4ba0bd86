package io.streamline.operators.ml;

import io.streamline.engine.DataStream;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.util.function.Function;

/**
 * Applies a model to each record in the fused chain: a stateless operator, so it runs on the thread of the records'
 * partition, with no extra thread or hand-off. The record's features are written into a feature buffer owned by the
 * operator instance (no allocation per record beyond the user's own result), the instance's {@link Scorer} scores
 * them, and {@code result} makes the output record. The model comes from a {@link ModelRef}: fixed (a model loaded
 * at start, {@link ModelRef#of}) or retrained while the query runs; a new model is taken at an epoch or batch
 * boundary, never within one.
 *
 * <pre>{@code
 * ModelRef<LogisticRegressionModel> model = ModelRef.of(LogisticRegressionModel.load(path));
 * transactions.via(Scoring.score(model, Txn::features, (txn, p) -> new Scored(txn, p)))...
 * }</pre>
 */
public final class Scoring {
    private Scoring() {
    }

    /** Writes a record's features into a buffer of the model's number of features. */
    @FunctionalInterface
    public interface Features<T> {
        void write(T record, double[] features);
    }

    /** Makes the output record from the input record and its score. */
    @FunctionalInterface
    public interface Result<T, R> {
        R apply(T record, double score);
    }

    /** The extension for {@link DataStream#via} scoring each record with the latest model of {@code model}. */
    public static <T, R, M extends ScoringModel> Function<DataStream<T>, DataStream<R>> score(
            ModelRef<M> model, Features<? super T> features, Result<? super T, ? extends R> result) {
        if (model.get() == null) {
            throw new IllegalStateException("Scoring.score: the model reference holds no model yet; load or train one first");
        }
        return stream -> stream.transform("score", context -> new ScoringOperator<T, R, M>(model, features, result));
    }

    /** Scores with the model's scorer into a per-instance buffer; refreshes the model at epoch boundaries. */
    private static final class ScoringOperator<T, R, M extends ScoringModel> implements Operator<T, R> {
        private final ModelRef<M> ref;
        private final Features<? super T> features;
        private final Result<? super T, ? extends R> result;
        private M model;
        private Scorer scorer;
        private double[] buffer;

        ScoringOperator(ModelRef<M> ref, Features<? super T> features, Result<? super T, ? extends R> result) {
            this.ref = ref;
            this.features = features;
            this.result = result;
            use(ref.get());
        }

        private void use(M next) {
            model = next;
            scorer = next.scorer();
            if (buffer == null || buffer.length != next.numFeatures()) {
                buffer = new double[next.numFeatures()];
            }
        }

        @Override
        public void process(T value, RecordMeta meta, Output<R> out) {
            features.write(value, buffer);
            out.emit(result.apply(value, scorer.score(buffer)));
        }

        @Override
        public void onEpochEnd(long epoch, Output<R> out) {
            M latest = ref.get();
            if (latest != model) {
                use(latest);
            }
        }
    }
}
