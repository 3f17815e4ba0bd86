package io.streamline.engine.plan;

import io.streamline.engine.operator.OperatorFactory;

import java.util.List;

/**
 * An operator applied to one input.
 *
 * @param name        the operator's name in plans, e.g. {@code "map"}
 * @param factory     creates the operator at planning
 * @param stateful    whether it keeps checkpointed state (then it runs as a single instance)
 * @param aggregation whether it is a streaming aggregation (decides which output modes are allowed)
 * @param input       its input
 */
public record TransformNode(String name, OperatorFactory<?, ?> factory, boolean stateful, boolean aggregation,
                            PlanNode input) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String shape() {
        return name + (stateful ? "[stateful]" : "");
    }
}
