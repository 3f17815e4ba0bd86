package io.streamline.operators.ml;

import io.streamline.operators.dstream.DStream;
import io.streamline.operators.dstream.PairDStream;
import io.streamline.operators.dstream.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Training and prediction on DStreams, as MLlib's streaming algorithms do it: each batch of the training stream
 * becomes one update of a model kept with {@code updateStateByKey} under a single key (so it is checkpointed with the
 * context's batches, and the context needs a checkpoint directory), called for every batch, empty ones included; the
 * new model is then published to the algorithm's {@link ModelRef}. Prediction maps each batch with the model latest
 * when the batch is computed, the same model for the whole batch.
 */
final class DStreamTraining {
    private static final String KEY = "model";

    private DStreamTraining() {
    }

    /** Registers training: {@code update} turns the previous model and one batch into the next. */
    static <T, M> void trainOn(DStream<T> data, M start, ModelRef<M> latest, BiFunction<M, List<T>, M> update) {
        data.transformToPair(batch -> List.of(new Tuple2<>(KEY, List.copyOf(batch))))
                .updateStateByKey((List<List<T>> batches, Optional<M> model) -> {
                    M next = model.orElse(start);
                    for (List<T> batch : batches) {
                        next = update.apply(next, batch);
                    }
                    return Optional.of(next);
                })
                .foreachRDD(models -> models.forEach(kv -> latest.set(kv._2())));
    }

    /** Each element mapped with the batch's model. */
    static <M, T, R> DStream<R> predictOn(DStream<T> data, ModelRef<M> latest, BiFunction<M, T, R> predict) {
        return data.transform(batch -> {
            M model = latest.get();
            List<R> out = new ArrayList<>(batch.size());
            batch.forEach(t -> out.add(predict.apply(model, t)));
            return out;
        });
    }

    /** Each value mapped with the batch's model, keeping the key. */
    static <M, K, V, R> PairDStream<K, R> predictOnValues(PairDStream<K, V> data, ModelRef<M> latest,
                                                           BiFunction<M, V, R> predict) {
        return data.transformToPair(batch -> {
            M model = latest.get();
            List<Tuple2<K, R>> out = new ArrayList<>(batch.size());
            batch.forEach(kv -> out.add(new Tuple2<>(kv._1(), predict.apply(model, kv._2()))));
            return out;
        });
    }
}
