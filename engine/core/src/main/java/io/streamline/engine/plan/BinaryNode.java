package io.streamline.engine.plan;

import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.TwoInputOperatorFactory;

import java.util.List;

/**
 * A two-input operator (a join, {@code cogroup}): one instance behind a fan-in of both inputs, whose markers it
 * aligns, with a watermark per input.
 *
 * @param name        the operator's name in plans
 * @param factory     creates the operator at planning
 * @param traits      whether it is a streaming aggregation and which output modes it allows
 * @param left        its first input
 * @param right       its second input
 */
public record BinaryNode(String name, TwoInputOperatorFactory<?, ?, ?> factory, OperatorTraits traits, PlanNode left,
                         PlanNode right) implements PlanNode {
    /** Whether it is a streaming aggregation. */
    public boolean aggregation() {
        return traits.isAggregation();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public String shape() {
        return name + "(2)";
    }
}
