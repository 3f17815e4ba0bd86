package io.streamline.operators.dstream;

import java.util.List;

/** {@code foreachRDD}: the application's function with every batch and its time. */
final class ForeachRDDOutput<T> implements OutputOperation<T> {
    private final VoidFunction2<List<T>, Time> action;

    ForeachRDDOutput(VoidFunction2<List<T>, Time> action) {
        this.action = action;
    }

    @Override
    public String describe() {
        return "foreachRDD";
    }

    @Override
    public void run(List<T> batch, Time time) throws Exception {
        action.call(batch, time);
    }
}
