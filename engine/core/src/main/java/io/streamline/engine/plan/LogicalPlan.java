package io.streamline.engine.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorTraits;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A query's logical plan in a fixed order (inputs before the nodes they feed, in the order the API built
 * them), with the derived facts the planner needs: ids, consumers, parallelism and the fingerprint that
 * guards a checkpoint against being resumed by a different pipeline.
 */
public final class LogicalPlan {
    private final PlanNode root;
    private final List<PlanNode> ordered = new ArrayList<>();
    private final Map<PlanNode, Integer> ids = new IdentityHashMap<>();
    private final Map<PlanNode, List<PlanNode>> consumers = new IdentityHashMap<>();

    /** @param root the node whose output goes to the sink */
    public LogicalPlan(PlanNode root) {
        this.root = root;
        visit(root);
    }

    private void visit(PlanNode node) {
        if (ids.containsKey(node)) {
            return;
        }
        for (PlanNode input : node.inputs()) {
            visit(input);
            consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
        }
        ids.put(node, ordered.size());
        ordered.add(node);
    }

    /** The node whose output goes to the sink. */
    public PlanNode root() {
        return root;
    }

    /** Every node, inputs first. */
    public List<PlanNode> nodes() {
        return ordered;
    }

    /** The node's position in {@link #nodes()}: stable for the same pipeline definition. */
    public int id(PlanNode node) {
        return ids.get(node);
    }

    /** The nodes that read {@code node}'s output (empty for the root, which feeds the sink). */
    public List<PlanNode> consumers(PlanNode node) {
        return consumers.getOrDefault(node, List.of());
    }

    /** The source nodes, in plan order. */
    public List<SourceNode> sources() {
        return ordered.stream().filter(SourceNode.class::isInstance).map(SourceNode.class::cast).toList();
    }

    /** Whether the plan sets a watermark. */
    public boolean hasWatermark() {
        return ordered.stream().anyMatch(WatermarkNode.class::isInstance);
    }

    /**
     * Whether every stream feeding {@code node} passes a {@code withWatermark} first (for a node with several inputs,
     * every input), so its records carry event time and it receives a watermark.
     */
    public boolean watermarked(PlanNode node) {
        if (node instanceof WatermarkNode) {
            return true;
        }
        if (node instanceof SourceNode) {
            return false;
        }
        return node.inputs().stream().allMatch(this::watermarked);
    }

    /**
     * The delay of the {@code withWatermark} upstream of {@code node}'s input (the largest, if several streams feed it),
     * or -1 if none does.
     */
    public long watermarkDelayMillis(PlanNode node) {
        long delay = -1;
        for (PlanNode input : node.inputs()) {
            delay = Math.max(delay, input instanceof WatermarkNode w ? Math.max(w.delayMillis(), watermarkDelayMillis(w))
                    : watermarkDelayMillis(input));
        }
        return delay;
    }

    /**
     * Why the plan cannot run in output mode {@code mode}, if it cannot: the first of Spark's unsupported-operation
     * rules it breaks ({@link UnsupportedOperations}), in words that name the rule.
     */
    public Optional<String> outputModeRefusal(OutputMode mode) {
        return UnsupportedOperations.refusal(this, mode);
    }

    /** The traits of an operator node, {@code null} for a source, watermark or union. */
    static OperatorTraits traits(PlanNode node) {
        return node instanceof TransformNode t ? t.traits() : node instanceof BinaryNode b ? b.traits() : null;
    }

    /** Whether the plan contains a streaming aggregation. */
    public boolean hasAggregation() {
        return ordered.stream().anyMatch(n -> n instanceof TransformNode t && t.aggregation()
                || n instanceof BinaryNode b && b.aggregation());
    }

    /** Whether {@code node} is keyed: its state is split into key groups, and it may run as several instances. */
    public static boolean keyed(PlanNode node) {
        return node instanceof TransformNode t && t.keyFn() != null || node instanceof BinaryNode b && b.keyed();
    }

    /** Whether the plan has a keyed operator. */
    public boolean hasKeyedOperator() {
        return ordered.stream().anyMatch(LogicalPlan::keyed);
    }

    /**
     * The plan's shape in words, aspect by aspect ({@code sources}, {@code operators}, {@code wiring},
     * {@code sink}, {@code output mode}): recorded beside the {@link #fingerprint} so that a refused checkpoint can
     * say what differs. Covers what the fingerprint covers, no more.
     */
    public Map<String, String> description(String sinkFormat, String outputMode) {
        List<String> sources = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        List<String> wiring = new ArrayList<>();
        for (PlanNode node : ordered) {
            if (node instanceof SourceNode) {
                sources.add(node.shape().substring("source:".length()));
            } else {
                operators.add(node.shape());
                wiring.add(id(node) + "<" + node.inputs().stream().map(i -> Integer.toString(id(i))).reduce((a, b) -> a + "," + b).orElse(""));
            }
        }
        Map<String, String> description = new LinkedHashMap<>();
        description.put("sources", String.join(", ", sources));
        description.put("operators", operators.isEmpty() ? "none" : String.join(" -> ", operators));
        description.put("wiring", String.join(" ", wiring));
        description.put("sink", sinkFormat);
        description.put("output mode", outputMode.toLowerCase(Locale.ROOT));
        return description;
    }

    /**
     * A digest of the plan's shape (sources' formats, operator kinds, wiring) and of the sink and output mode.
     * User code, tunable options (such as a rate) and sources' partition counts (a Kafka topic may gain partitions)
     * are deliberately left out: changing them does not make old state meaningless.
     */
    public String fingerprint(String sinkFormat, String outputMode) {
        StringBuilder sb = new StringBuilder();
        for (PlanNode node : ordered) {
            sb.append(id(node)).append('=').append(node.shape());
            sb.append('<');
            node.inputs().forEach(i -> sb.append(id(i)).append(','));
            sb.append(';');
        }
        sb.append("sink:").append(sinkFormat).append(";mode:").append(outputMode);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
