package io.streamline.engine.plan;

import io.streamline.engine.operator.OperatorFactory;

import java.util.List;

/**
 * An operator applied to one input. Whether it is stateful is the operator's to say ({@code state()}, timers),
 * asked when the query is planned: a stateful one runs as one instance that sees every record, a stateless one
 * fused into every instance of its input.
 *
 * @param name        the operator's name in plans, e.g. {@code "map"}
 * @param factory     creates the operator at planning
 * @param aggregation whether it is a streaming aggregation (decides which output modes are allowed)
 * @param input       its input
 */
public record TransformNode(String name, OperatorFactory<?, ?> factory, boolean aggregation, PlanNode input) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String shape() {
        return name;
    }
}
