package io.streamline.operators.dstream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PairDStream#mapWithState} does, as Spark's {@code StateSpec}:
 * {@code StateSpec.function(fn).timeout(Duration.ofSeconds(30)).initialState(pairs)}.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> state type
 * @param <M> mapped type
 */
public final class StateSpec<K, V, S, M> {
    private final MappingFunction<K, V, S, M> function;
    private Duration timeout;
    private List<Tuple2<K, S>> initialState = List.of();

    private StateSpec(MappingFunction<K, V, S, M> function) {
        this.function = Objects.requireNonNull(function, "the mapping function");
    }

    /** A spec with {@code function}, no timeout and no initial state. */
    public static <K, V, S, M> StateSpec<K, V, S, M> function(MappingFunction<K, V, S, M> function) {
        return new StateSpec<>(function);
    }

    /**
     * Removes the state of a key that received no record for {@code idle}: the function is called once more for it,
     * with an empty value and {@link State#isTimingOut()} true, in the first batch at least {@code idle} after the
     * key's last record.
     */
    public StateSpec<K, V, S, M> timeout(Duration idle) {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("StateSpec.timeout must be positive, got " + idle);
        }
        this.timeout = idle;
        return this;
    }

    /** The state keys start with (used by the first batch of a new checkpoint only). */
    public StateSpec<K, V, S, M> initialState(List<Tuple2<K, S>> pairs) {
        this.initialState = List.copyOf(pairs);
        return this;
    }

    MappingFunction<K, V, S, M> mappingFunction() {
        return function;
    }

    /** The timeout in milliseconds, or 0 for none. */
    long timeoutMillis() {
        return timeout == null ? 0 : timeout.toMillis();
    }

    List<Tuple2<K, S>> initialStatePairs() {
        return initialState;
    }
}
