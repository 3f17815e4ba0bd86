package io.streamline.engine.operator;

/**
 * A per-record operator, fused with its neighbours into one task. All calls for one operator instance come from
 * one thread. This is the SPI the {@code operators} module builds windows, joins and the rest on; what happens at
 * epoch boundaries is described by {@link BoundaryCallbacks}.
 *
 * <p>An operator is stateful if {@link #state()} returns state or it uses its context's timers; the engine asks
 * once, when it plans the query. A stateful operator that is not keyed runs as a single instance that sees every
 * record (behind a fan-in when its input has several partitions); a stateless one runs fused into every instance
 * of its input.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface Operator<I, O> extends BoundaryCallbacks<O> {
    /** Processes one record, emitting zero or more results. */
    void process(I value, RecordMeta meta, Output<O> out);
}
