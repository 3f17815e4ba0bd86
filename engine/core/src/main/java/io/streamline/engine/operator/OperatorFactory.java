package io.streamline.engine.operator;

/** Creates an operator instance when a query is planned; one instance per task that runs it. */
@FunctionalInterface
public interface OperatorFactory<I, O> {
    /** A new operator for the query described by {@code setup}. */
    Operator<I, O> create(OperatorSetup setup);
}
