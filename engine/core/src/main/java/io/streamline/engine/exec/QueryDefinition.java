package io.streamline.engine.exec;

import io.streamline.engine.Trigger;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.sink.StreamSink;

import java.util.Map;

/**
 * Everything the user said about a query, unchecked: {@code start()} validates it.
 *
 * @param root       the last node of the logical plan
 * @param sinkFormat the sink's format, when given by name
 * @param options    sink options and {@code checkpointLocation}
 * @param sink       the sink, when given ready-made
 * @param outputMode the output mode as written
 * @param trigger    the trigger
 * @param queryName  the name, or {@code null}
 */
public record QueryDefinition(PlanNode root, String sinkFormat, Map<String, String> options, StreamSink<?> sink,
                              String outputMode, Trigger trigger, String queryName) {
    /** The option that names the checkpoint directory. */
    public static final String CHECKPOINT_LOCATION = "checkpointLocation";
}
