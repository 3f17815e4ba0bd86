package io.streamline.engine.plan;

import java.util.List;

/** A node of a query's logical plan, built by the fluent API and turned into tasks at {@code start()}. */
public sealed interface PlanNode permits SourceNode, TransformNode, WatermarkNode, UnionNode, BinaryNode {
    /** The nodes feeding this one. */
    List<PlanNode> inputs();

    /** What must match for a checkpoint to be resumed by this plan (operator kind, not user code). */
    String shape();
}
