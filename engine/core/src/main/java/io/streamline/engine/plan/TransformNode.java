package io.streamline.engine.plan;

import io.streamline.engine.operator.OperatorFactory;
import io.streamline.engine.operator.OperatorTraits;

import java.util.List;

/**
 * An operator applied to one input. Whether it is stateful is the operator's to say ({@code state()}, timers),
 * asked when the query is planned: a stateful one sees every record of its key (every record, if it is not keyed),
 * a stateless one runs fused into every instance of its input.
 *
 * @param name        the operator's name in plans, e.g. {@code "map"}
 * @param factory     creates the operator at planning
 * @param traits      whether it is a streaming aggregation and which output modes it allows
 * @param keyFn       the key its records are grouped by, for a keyed operator; {@code null} otherwise
 * @param input       its input
 */
public record TransformNode(String name, OperatorFactory<?, ?> factory, OperatorTraits traits,
                            java.util.function.Function<Object, Object> keyFn, PlanNode input) implements PlanNode {
    /** Whether it is a streaming aggregation. */
    public boolean aggregation() {
        return traits.isAggregation();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String shape() {
        return name;
    }
}
