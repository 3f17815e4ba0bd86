package io.streamline.engine.operator;

import java.util.function.Function;

/** {@code map}: one output per input. */
public final class MapOperator<I, O> implements Operator<I, O> {
    private final Function<? super I, ? extends O> fn;

    /** @param fn the user's function */
    public MapOperator(Function<? super I, ? extends O> fn) {
        this.fn = fn;
    }

    @Override
    public void process(I value, RecordMeta meta, Output<O> out) {
        out.emit(fn.apply(value));
    }
}
