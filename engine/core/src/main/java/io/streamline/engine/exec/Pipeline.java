package io.streamline.engine.exec;

import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.Task;

import java.util.List;

/**
 * A planned, ready-to-run query: its tasks (one thread each, continuous mode only) and the parts the query
 * manages directly.
 *
 * @param tasks        one per thread
 * @param partitions   every source partition with the head of its chain
 * @param sinkNode     the sink, for closing
 * @param latency      the sink's latency recorder
 */
public record Pipeline(List<Task> tasks, List<SourcePartition> partitions, SinkNode sinkNode, LatencyRecorder latency) {
}
