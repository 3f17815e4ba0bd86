package io.streamline.engine.operator;

import io.streamline.engine.OutputMode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine must know about an operator before it runs, to apply Spark's unsupported-operation rules at
 * {@code start()}: whether it is a streaming aggregation (complete mode needs one), whether it is a stateful operation
 * bound by the watermark (which must not follow an operator whose output can be behind the watermark), whether it is
 * one of Spark's {@code [flat]MapGroupsWithState} (whose rules look at the rest of the plan), which output modes it
 * refuses outright, and which it accepts only when its input has a watermark (append mode on a windowed aggregation,
 * an outer join). Each refusal carries the rule in words, so the error names it. Immutable; the {@code refuse...} and
 * other copying methods return a copy.
 */
public final class OperatorTraits {
    private static final OperatorTraits PLAIN = new OperatorTraits(false, false, false, null, Map.of(), Map.of());

    /**
     * Spark's arbitrary stateful operations, whose output-mode rules depend on the rest of the plan.
     *
     * @param mapGroups    {@code mapGroupsWithState} (one row per call) rather than {@code flatMapGroupsWithState}
     * @param declaredMode the output mode the operation is declared with (always update for {@code mapGroupsWithState})
     */
    public record GroupsWithState(boolean mapGroups, OutputMode declaredMode) {
        /** The operation's name as Spark spells it. */
        public String operation() {
            return mapGroups ? "mapGroupsWithState" : "flatMapGroupsWithState";
        }
    }

    private final boolean aggregation;
    private final boolean stateful;
    private final boolean emitsBehindWatermark;
    private final GroupsWithState groupsWithState;
    private final Map<OutputMode, String> refused;
    private final Map<OutputMode, String> refusedWithoutWatermark;

    private OperatorTraits(boolean aggregation, boolean stateful, boolean emitsBehindWatermark,
                           GroupsWithState groupsWithState, Map<OutputMode, String> refused,
                           Map<OutputMode, String> refusedWithoutWatermark) {
        this.aggregation = aggregation;
        this.stateful = stateful;
        this.emitsBehindWatermark = emitsBehindWatermark;
        this.groupsWithState = groupsWithState;
        this.refused = refused;
        this.refusedWithoutWatermark = refusedWithoutWatermark;
    }

    /** An operator that is no aggregation and accepts every output mode (map-like operators, deduplication). */
    public static OperatorTraits plain() {
        return PLAIN;
    }

    /**
     * A streaming aggregation whose rows change with every record, such as a running count: append mode is refused,
     * since no row is ever final.
     */
    public static OperatorTraits runningAggregation() {
        return aggregation().refuse(OutputMode.APPEND, "Append output mode not supported"
                + " for streaming aggregations (count, sum, reduce): their results change with every record, so no row"
                + " is ever final to append; use outputMode(\"update\") for the changed rows or outputMode(\"complete\")"
                + " for the whole result");
    }

    /** A streaming aggregation (a stateful operation too) that accepts every output mode unless told otherwise. */
    public static OperatorTraits aggregation() {
        return new OperatorTraits(true, true, false, null, Map.of(), Map.of());
    }

    /**
     * Spark's {@code mapGroupsWithState} ({@code mapGroups}) or {@code flatMapGroupsWithState} declared with
     * {@code declaredMode}: a stateful operation, no aggregation, with the rules Spark applies to it over the whole
     * plan (one {@code mapGroupsWithState} at most, the declared mode against the query's and its aggregations).
     */
    public static OperatorTraits groupsWithState(boolean mapGroups, OutputMode declaredMode) {
        return new OperatorTraits(false, true, false, new GroupsWithState(mapGroups, declaredMode), Map.of(), Map.of());
    }

    /**
     * These traits, for a stateful operation bound by the watermark (a stream-stream join, deduplication whose keys
     * expire by event time): it drops rows at or below the watermark or evicts its state by it, so it may not follow
     * an operator whose output can be behind the watermark ({@link #canOutputBehindWatermark}).
     */
    public OperatorTraits stateful() {
        return new OperatorTraits(aggregation, true, emitsBehindWatermark, groupsWithState, refused, refusedWithoutWatermark);
    }

    /**
     * These traits, for an operator whose output can hold rows older than the watermark in every output mode (arbitrary
     * state with event-time timeouts, which emits whatever the user's function returns): a stateful operation after it
     * could drop those rows as late. An aggregation's output is behind the watermark in update and complete mode
     * without saying so.
     */
    public OperatorTraits outputsBehindWatermark() {
        return new OperatorTraits(aggregation, stateful, true, groupsWithState, refused, refusedWithoutWatermark);
    }

    /** These traits, refusing {@code mode} with the message {@code rule}. */
    public OperatorTraits refuse(OutputMode mode, String rule) {
        Map<OutputMode, String> copy = copy(refused);
        copy.put(mode, rule);
        return new OperatorTraits(aggregation, stateful, emitsBehindWatermark, groupsWithState, Map.copyOf(copy),
                refusedWithoutWatermark);
    }

    /** These traits, refusing {@code mode} with the message {@code rule} when the operator's input has no watermark. */
    public OperatorTraits refuseWithoutWatermark(OutputMode mode, String rule) {
        Map<OutputMode, String> copy = copy(refusedWithoutWatermark);
        copy.put(mode, rule);
        return new OperatorTraits(aggregation, stateful, emitsBehindWatermark, groupsWithState, refused, Map.copyOf(copy));
    }

    /** Whether the operator is a streaming aggregation. */
    public boolean isAggregation() {
        return aggregation;
    }

    /** Whether the operator is a stateful operation in the sense of Spark's global-watermark rule (aggregations too). */
    public boolean isStateful() {
        return stateful;
    }

    /**
     * Whether, in output mode {@code mode}, the operator's output can hold rows older than the watermark: an
     * aggregation's in update and complete mode (changed or whole results, whatever their event time), and any
     * operator declared so with {@link #outputsBehindWatermark()}.
     */
    public boolean canOutputBehindWatermark(OutputMode mode) {
        return emitsBehindWatermark || aggregation && mode != OutputMode.APPEND;
    }

    /** The arbitrary stateful operation the operator is, if it is one. */
    public Optional<GroupsWithState> groupsWithState() {
        return Optional.ofNullable(groupsWithState);
    }

    /**
     * Why {@code mode} is refused, if it is.
     *
     * @param watermarked whether every input of the operator has a watermark ({@code withWatermark} upstream)
     */
    public Optional<String> refusal(OutputMode mode, boolean watermarked) {
        String rule = refused.get(mode);
        if (rule == null && !watermarked) {
            rule = refusedWithoutWatermark.get(mode);
        }
        return Optional.ofNullable(rule);
    }

    private static Map<OutputMode, String> copy(Map<OutputMode, String> map) {
        Map<OutputMode, String> copy = new EnumMap<>(OutputMode.class);
        copy.putAll(map);
        return copy;
    }
}
