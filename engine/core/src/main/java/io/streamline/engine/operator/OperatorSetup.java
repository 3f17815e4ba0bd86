package io.streamline.engine.operator;

import io.streamline.engine.OutputMode;

/**
 * What the engine tells an {@link OperatorFactory} about the query it builds an operator for.
 *
 * @param operatorId id of the operator in checkpoints
 * @param outputMode the query's output mode
 * @param microBatch whether the query runs micro-batches, where results are usually emitted once per batch
 *                   (Spark's update mode outputs each changed key once per trigger) rather than per record
 */
public record OperatorSetup(String operatorId, OutputMode outputMode, boolean microBatch) {
}
