package io.streamline.engine.operator;

import io.streamline.engine.OutputMode;

/** What the engine tells an {@link OperatorFactory} about the query it builds an operator for. */
public record OperatorSetup(String operatorId, OutputMode outputMode) {
}
