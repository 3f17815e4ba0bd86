package io.streamline.engine.operator;

import java.util.function.Predicate;

/** {@code filter}: passes the records the predicate accepts. */
public final class FilterOperator<T> implements Operator<T, T> {
    private final Predicate<? super T> predicate;

    /** @param predicate the user's predicate */
    public FilterOperator(Predicate<? super T> predicate) {
        this.predicate = predicate;
    }

    @Override
    public void process(T value, RecordMeta meta, Output<T> out) {
        if (predicate.test(value)) {
            out.emit(value);
        }
    }
}
