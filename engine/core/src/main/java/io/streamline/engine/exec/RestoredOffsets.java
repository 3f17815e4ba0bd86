package io.streamline.engine.exec;

import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.source.StreamSource;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each source partition of a restarting query starts: the last commit's offsets, keyed by source partition,
 * mapped onto the partitions the sources have now. A source whose partition count changed since that commit is
 * asked ({@link StreamSource#startOffsetsAfterRepartition}) and may refuse, before anything of the query starts.
 */
final class RestoredOffsets {
    private RestoredOffsets() {
    }

    /**
     * @param committed the last commit's source offsets (source partition key to offset)
     * @return the start offsets by the current source partitions' keys
     * @throws IllegalArgumentException from a source that refuses its new partition count
     */
    static Map<String, String> of(LogicalPlan plan, Map<SourceNode, StreamSource<?>> sources, Map<String, String> committed) {
        Map<String, String> starts = new HashMap<>(committed);
        for (SourceNode node : plan.sources()) {
            StreamSource<?> source = sources.get(node);
            String first = PipelineBuilder.sourceKey(plan, node, source, 0);
            String prefix = first.substring(0, first.length() - 1); // "<id>-<format>/"
            Map<Integer, String> before = new HashMap<>();
            for (Map.Entry<String, String> e : committed.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    before.put(Integer.parseInt(e.getKey().substring(prefix.length())), e.getValue());
                }
            }
            if (before.isEmpty() || samePartitions(before, source.partitions())) {
                continue;
            }
            before.keySet().forEach(p -> starts.remove(prefix + p));
            Map<Integer, String> after = source.startOffsetsAfterRepartition(Map.copyOf(before));
            after.forEach((p, offset) -> {
                if (p < 0 || p >= source.partitions()) {
                    throw new IllegalStateException("Source " + source.description() + " gave a start offset for partition "
                            + p + ", but has partitions 0 to " + (source.partitions() - 1));
                }
                starts.put(prefix + p, offset);
            });
        }
        return starts;
    }

    private static boolean samePartitions(Map<Integer, String> committed, int partitions) {
        if (committed.size() != partitions) {
            return false;
        }
        for (int p = 0; p < partitions; p++) {
            if (!committed.containsKey(p)) {
                return false;
            }
        }
        return true;
    }
}
