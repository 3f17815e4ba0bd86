package io.streamline.engine.operator;

/** Creates a {@link TwoInputOperator} when a query is planned. */
@FunctionalInterface
public interface TwoInputOperatorFactory<L, R, O> {
    /** A new instance, told about its query through {@code context}. */
    TwoInputOperator<L, R, O> create(OperatorContext context);
}
