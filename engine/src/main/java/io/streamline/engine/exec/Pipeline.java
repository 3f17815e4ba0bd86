package io.streamline.engine.exec;

import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.SourceInput;
import io.streamline.engine.runtime.Task;

import java.util.List;

/**
 * A planned, ready-to-run query: its tasks (one thread each) and the parts the query manages directly.
 *
 * @param tasks        one per thread
 * @param sourceInputs every source partition, for closing
 * @param sinkNode     the sink, for closing
 * @param latency      the sink's latency recorder
 */
public record Pipeline(List<Task> tasks, List<SourceInput> sourceInputs, SinkNode sinkNode, LatencyRecorder latency) {
}
