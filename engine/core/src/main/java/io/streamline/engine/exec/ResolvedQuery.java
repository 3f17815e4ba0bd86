package io.streamline.engine.exec;

import io.streamline.engine.OutputMode;
import io.streamline.engine.Trigger;
import io.streamline.engine.config.Options;
import io.streamline.engine.connector.Connectors;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.sink.MemoryTable;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.StreamSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A query definition after every check {@code start()} makes before any thread starts: formats and options
 * resolved, output mode allowed for the plan, trigger parsed, checkpoint location present where required.
 *
 * @param plan               the logical plan
 * @param sources            each source node's source
 * @param sink               the sink
 * @param outputMode         the output mode
 * @param trigger            the trigger, validated
 * @param name               the query's name, or {@code null}
 * @param checkpointLocation the user's checkpoint directory, or {@code null} for a temporary one
 */
public record ResolvedQuery(LogicalPlan plan, Map<SourceNode, StreamSource<?>> sources, StreamSink<Object> sink,
                            OutputMode outputMode, Trigger trigger, String name, Path checkpointLocation) {

    /**
     * Checks and resolves {@code def}.
     *
     * @throws IllegalArgumentException naming the setting at fault and what is accepted
     */
    @SuppressWarnings("unchecked")
    public static ResolvedQuery resolve(QueryDefinition def, Function<String, MemoryTable<Object>> memoryTables) {
        LogicalPlan plan = new LogicalPlan(def.root());
        Map<SourceNode, StreamSource<?>> sources = new IdentityHashMap<>();
        for (SourceNode node : plan.sources()) {
            sources.put(node, node.resolve(options -> Connectors.source(node.format(), options)));
        }
        OutputMode mode = OutputMode.fromString(def.outputMode());
        plan.outputModeRefusal(mode).ifPresent(rule -> {
            throw new IllegalArgumentException(rule);
        });
        def.trigger().validate();
        if (!(def.trigger() instanceof Trigger.Continuous)) {
            sources.values().stream().filter(s -> !s.supportsMicroBatch()).findFirst().ifPresent(s -> {
                throw new IllegalArgumentException("Source " + s.description() + " supports only Trigger.continuous, not "
                        + def.trigger());
            });
        }

        Map<String, String> sinkOptions = new HashMap<>(def.options());
        String location = sinkOptions.remove(QueryDefinition.CHECKPOINT_LOCATION);
        StreamSink<Object> sink = (StreamSink<Object>) (def.sink() != null ? def.sink()
                : Connectors.sink(def.sinkFormat(), new Options("sink '" + def.sinkFormat() + "'", sinkOptions),
                new SinkContext(def.queryName(), memoryTables)));
        if (def.sink() != null && !sinkOptions.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + sinkOptions.keySet() + " for sink " + sink.format()
                    + "; a ready-made sink takes no options, only checkpointLocation");
        }
        if (location == null && sink.requiresCheckpointLocation()) {
            throw new IllegalArgumentException("checkpointLocation must be set for the " + sink.format()
                    + " sink: writeStream().option(\"checkpointLocation\", \"/path/to/dir\")");
        }
        return new ResolvedQuery(plan, sources, sink, mode, def.trigger(), def.queryName(),
                location == null ? null : Path.of(location));
    }

    /** Whether the query runs in continuous mode (otherwise micro-batch). */
    boolean continuous() {
        return trigger instanceof Trigger.Continuous;
    }

    /** The continuous epoch interval. */
    Duration interval() {
        return ((Trigger.Continuous) trigger).interval();
    }

    /** The fingerprint guarding the checkpoint. */
    String fingerprint() {
        return plan.fingerprint(sink.format(), outputMode.name());
    }

    /** What the fingerprint covers, in words, for a refusal to say what differs. */
    Map<String, String> description() {
        return plan.description(sink.format(), outputMode.name());
    }

    /** Source partitions over all sources. */
    int sourcePartitions() {
        return sources.values().stream().mapToInt(StreamSource::partitions).sum();
    }
}
