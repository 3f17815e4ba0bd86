package io.streamline.engine.plan;

import io.streamline.engine.operator.OperatorTraits;
import io.streamline.engine.operator.TwoInputOperatorFactory;

import java.util.List;
import java.util.function.Function;

/**
 * A two-input operator (a join, {@code cogroup}) behind a fan-in of both inputs, whose markers it aligns, with a
 * watermark per input. Unkeyed, it runs as one instance; keyed (both inputs grouped by keys of one type), as many
 * instances as keyed operators have, each input routed by key through an exchange, its state split into key groups.
 *
 * @param name        the operator's name in plans
 * @param factory     creates the operator at planning
 * @param traits      whether it is a streaming aggregation and which output modes it allows
 * @param leftKey     the key of a record of the first input, for a keyed operator; {@code null} otherwise
 * @param rightKey    the key of a record of the second input, for a keyed operator; {@code null} otherwise
 * @param left        its first input
 * @param right       its second input
 */
public record BinaryNode(String name, TwoInputOperatorFactory<?, ?, ?> factory, OperatorTraits traits,
                         Function<Object, Object> leftKey, Function<Object, Object> rightKey, PlanNode left,
                         PlanNode right) implements PlanNode {
    /** @throws IllegalArgumentException if only one input has a key */
    public BinaryNode {
        if ((leftKey == null) != (rightKey == null)) {
            throw new IllegalArgumentException("a keyed two-input operator needs the key of both inputs, " + name
                    + " got only the " + (leftKey == null ? "second" : "first") + " input's");
        }
    }

    /** Whether it is a streaming aggregation. */
    public boolean aggregation() {
        return traits.isAggregation();
    }

    /** Whether both inputs are keyed: the operator's state is split into key groups and may run as several instances. */
    public boolean keyed() {
        return leftKey != null;
    }

    /** The key function of input {@code side} (0 the first, 1 the second); {@code null} if the operator is not keyed. */
    public Function<Object, Object> keyOf(int side) {
        return side == 0 ? leftKey : rightKey;
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
