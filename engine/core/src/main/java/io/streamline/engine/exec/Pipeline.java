package io.streamline.engine.exec;

import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.OperatorHost;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.Task;

import java.util.List;
import java.util.Set;

/**
 * A planned, ready-to-run query: its tasks (one thread each, continuous mode only) and the parts the query
 * manages directly.
 *
 * @param tasks        one per thread
 * @param partitions   every source partition with the head of its chain
 * @param sinkNodes    every sink partition, for closing
 * @param latencies    one recorder per sink partition (continuous mode; micro-batch records latency per batch)
 * @param participants what acknowledges every epoch
 * @param keyedOperators how keyed operators run (instances, exchange, key groups), for {@code explain()}
 * @param timedOperators every operator instance that uses timers, whose due processing-time timers make a
 *                       micro-batch query run a batch without data
 */
public record Pipeline(List<Task> tasks, List<SourcePartition> partitions, List<SinkNode> sinkNodes,
                       List<LatencyRecorder> latencies, Set<String> participants, String keyedOperators,
                       List<OperatorHost> timedOperators) {
    /** The earliest processing-time timer of any operator ({@link Long#MAX_VALUE} for none). */
    public long nextProcessingTimer() {
        long next = Long.MAX_VALUE;
        for (OperatorHost host : timedOperators) {
            next = Math.min(next, host.nextProcessingTimer());
        }
        return next;
    }

}
