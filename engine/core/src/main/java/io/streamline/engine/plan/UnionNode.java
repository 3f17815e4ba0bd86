package io.streamline.engine.plan;

import java.util.List;

/** The union of several streams of the same type: a fan-in with epoch-marker alignment. */
public record UnionNode(List<PlanNode> inputs) implements PlanNode {
    @Override
    public String shape() {
        return "union";
    }
}
