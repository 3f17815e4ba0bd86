package io.streamline.engine.plan;

import io.streamline.engine.OutputMode;
import io.streamline.engine.operator.OperatorTraits;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Spark's unsupported-operation rules for streaming queries (its {@code UnsupportedOperationChecker}), applied to a
 * plan at {@code start()} from the operators' {@link OperatorTraits}, each refusal naming its rule:
 * <ol>
 *   <li>at most one {@code mapGroupsWithState}, never mixed with {@code flatMapGroupsWithState}, and several
 *       {@code flatMapGroupsWithState}s only when all are declared append and the query runs in append mode;</li>
 *   <li>each operator's own refusals (append on an aggregation without a watermark, update on session windows,
 *       joins outside append mode, an outer join without watermarks, ...);</li>
 *   <li>{@code flatMapGroupsWithState}'s declared mode: the query's when the query has no aggregation, never update
 *       when it has one;</li>
 *   <li>complete mode only with an aggregation;</li>
 *   <li>the global-watermark correctness rule: no stateful operation after an operator whose output can be behind
 *       the watermark (an aggregation in update or complete mode, arbitrary state with event-time timeouts), since
 *       the later one would drop those rows as late. Spark can be told to only warn; here it is always refused.</li>
 * </ol>
 * Spark's rules for operations this API does not have (sorting, limits, sampling, distinct aggregations, static
 * streams on the wrong side of a join, continuous mode's map-only restriction, which this engine does not share) have
 * nothing to check.
 */
final class UnsupportedOperations {
    private final LogicalPlan plan;
    private final OutputMode mode;

    private UnsupportedOperations(LogicalPlan plan, OutputMode mode) {
        this.plan = plan;
        this.mode = mode;
    }

    /** The first rule {@code plan} breaks in output mode {@code mode}, in the order of the class comment. */
    static Optional<String> refusal(LogicalPlan plan, OutputMode mode) {
        UnsupportedOperations rules = new UnsupportedOperations(plan, mode);
        return rules.groupsWithStateCount()
                .or(rules::operatorRefusals)
                .or(rules::groupsWithStateModes)
                .or(rules::completeWithoutAggregation)
                .or(rules::statefulAfterOutputBehindWatermark);
    }

    private Optional<String> groupsWithStateCount() {
        List<OperatorTraits.GroupsWithState> all = plan.nodes().stream().map(LogicalPlan::traits)
                .flatMap(t -> t == null ? Stream.empty() : t.groupsWithState().stream()).toList();
        long maps = all.stream().filter(OperatorTraits.GroupsWithState::mapGroups).count();
        long flatMaps = all.size() - maps;
        if (maps >= 2) {
            return Optional.of("Multiple mapGroupsWithState operators in one query are not supported, as in Spark:"
                    + " keep one per query, or use flatMapGroupsWithState declared with append output mode");
        }
        if (maps > 0 && flatMaps > 0) {
            return Optional.of("Mixing mapGroupsWithState and flatMapGroupsWithState in one query is not supported, as"
                    + " in Spark: use flatMapGroupsWithState for both");
        }
        if (flatMaps >= 2 && (mode != OutputMode.APPEND
                || all.stream().anyMatch(g -> g.declaredMode() != OutputMode.APPEND))) {
            return Optional.of("Multiple flatMapGroupsWithState operators are supported only when every one is declared"
                    + " with append output mode and the query runs in append output mode, as in Spark; declared: "
                    + all.stream().map(g -> lower(g.declaredMode())).collect(Collectors.joining(", "))
                    + ", query: " + lower(mode));
        }
        return Optional.empty();
    }

    private Optional<String> operatorRefusals() {
        for (PlanNode node : plan.nodes()) {
            OperatorTraits traits = LogicalPlan.traits(node);
            if (traits != null) {
                Optional<String> refusal = traits.refusal(mode, node.inputs().stream().allMatch(plan::watermarked));
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> groupsWithStateModes() {
        boolean aggregation = plan.hasAggregation();
        for (PlanNode node : plan.nodes()) {
            OperatorTraits traits = LogicalPlan.traits(node);
            Optional<OperatorTraits.GroupsWithState> declared = traits == null ? Optional.empty() : traits.groupsWithState();
            if (declared.isEmpty() || declared.get().mapGroups()) {
                continue;
            }
            OutputMode own = declared.get().declaredMode();
            if (!aggregation && own != mode) {
                return Optional.of("flatMapGroupsWithState declared with " + lower(own) + " output mode cannot run in "
                        + lower(mode) + " output mode in a query without aggregations, as in Spark: use outputMode(\""
                        + lower(own) + "\")");
            }
            if (aggregation && own == OutputMode.UPDATE) {
                return Optional.of("flatMapGroupsWithState declared with update output mode is not supported in a query"
                        + " with a streaming aggregation, as in Spark: declare it with append output mode");
            }
        }
        return Optional.empty();
    }

    private Optional<String> completeWithoutAggregation() {
        if (mode == OutputMode.COMPLETE && !plan.hasAggregation()) {
            return Optional.of("Complete output mode not supported when there are no streaming aggregations;"
                    + " use outputMode(\"append\")");
        }
        return Optional.empty();
    }

    private Optional<String> statefulAfterOutputBehindWatermark() {
        for (PlanNode node : plan.nodes()) {
            OperatorTraits traits = LogicalPlan.traits(node);
            if (traits == null || !traits.isStateful()) {
                continue;
            }
            for (PlanNode earlier : upstream(node)) {
                OperatorTraits before = LogicalPlan.traits(earlier);
                if (before != null && before.canOutputBehindWatermark(mode)) {
                    return Optional.of("Possible correctness issue due to the global watermark, refused as Spark does"
                            + " (spark.sql.streaming.statefulOperator.checkCorrectness.enabled): the stateful operator '"
                            + name(node) + "' follows '" + name(earlier) + "', whose output in " + lower(mode)
                            + " output mode can hold rows older than the watermark, which '" + name(node) + "' would"
                            + " drop as late. Chain stateful operators in append output mode only (a windowed"
                            + " aggregation then emits each window once, final), and not after arbitrary state with"
                            + " event-time timeouts");
                }
            }
        }
        return Optional.empty();
    }

    /** Every node feeding {@code node}, directly or not, nearest first. */
    private static List<PlanNode> upstream(PlanNode node) {
        Map<PlanNode, Boolean> seen = new IdentityHashMap<>();
        List<PlanNode> order = new ArrayList<>();
        List<PlanNode> frontier = new ArrayList<>(node.inputs());
        while (!frontier.isEmpty()) {
            PlanNode next = frontier.remove(0);
            if (seen.put(next, Boolean.TRUE) == null) {
                order.add(next);
                frontier.addAll(next.inputs());
            }
        }
        return order;
    }

    private static String name(PlanNode node) {
        return node instanceof TransformNode t ? t.name() : node instanceof BinaryNode b ? b.name() : node.shape();
    }

    private static String lower(OutputMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
