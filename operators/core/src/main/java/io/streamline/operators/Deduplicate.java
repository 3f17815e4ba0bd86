package io.streamline.operators;

import io.streamline.engine.DataStream;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.state.KeyedState;

import java.util.function.Function;

/**
 * Spark's {@code dropDuplicates}: passes the first record of every key and drops the rest. The keys seen are
 * checkpointed keyed state, so after a crash a replayed record is still recognised as a duplicate: with it,
 * an at-least-once continuous pipeline delivers each key once downstream. Without a watermark the state
 * grows with the number of distinct keys.
 *
 * <pre>{@code stream.via(Deduplicate.by(Event::id)).writeStream()...}</pre>
 *
 * @param <T> record type
 * @param <K> key type (a String, boxed primitive or Serializable type, so it can be checkpointed)
 */
public final class Deduplicate<T, K> implements Operator<T, T> {
    private final Function<? super T, ? extends K> keyFn;
    private final KeyedState<K, Boolean> seen = new KeyedState<>();

    private Deduplicate(Function<? super T, ? extends K> keyFn) {
        this.keyFn = keyFn;
    }

    /** The extension that drops records whose key was seen before, for {@link DataStream#via}. */
    public static <T, K> Function<DataStream<T>, DataStream<T>> by(Function<? super T, ? extends K> keyFn) {
        return stream -> stream.transform("dropDuplicates", context -> new Deduplicate<T, K>(keyFn));
    }

    /** The extension that drops records equal to one seen before. */
    public static <T> Function<DataStream<T>, DataStream<T>> records() {
        return by(Function.identity());
    }

    @Override
    public void process(T value, RecordMeta meta, Output<T> out) {
        K key = keyFn.apply(value);
        if (seen.get(key) == null) {
            seen.put(key, Boolean.TRUE);
            out.emit(value);
        }
    }

    @Override
    public OperatorState state() {
        return seen;
    }
}
