package io.streamline.engine.operator;

/** Creates an operator instance when a query is planned; one instance per task that runs it. */
@FunctionalInterface
public interface OperatorFactory<I, O> {
    /** A new operator instance, told about its query and given its timers and metrics through {@code context}. */
    Operator<I, O> create(OperatorContext context);
}
