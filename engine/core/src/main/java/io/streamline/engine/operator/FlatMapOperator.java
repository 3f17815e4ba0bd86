package io.streamline.engine.operator;

import java.util.function.Consumer;

/** {@code flatMap}: zero or more outputs per input. */
public final class FlatMapOperator<I, O> implements Operator<I, O> {
    private final FlatMapFunction<? super I, O> fn;
    private final ForwardingConsumer<O> forward = new ForwardingConsumer<>();

    /** @param fn the user's function */
    public FlatMapOperator(FlatMapFunction<? super I, O> fn) {
        this.fn = fn;
    }

    @Override
    public void process(I value, RecordMeta meta, Output<O> out) {
        forward.out = out; // one reusable adapter instead of a capturing lambda per record
        fn.flatMap(value, forward);
    }

    private static final class ForwardingConsumer<O> implements Consumer<O> {
        private Output<O> out;

        @Override
        public void accept(O o) {
            out.emit(o);
        }
    }
}
