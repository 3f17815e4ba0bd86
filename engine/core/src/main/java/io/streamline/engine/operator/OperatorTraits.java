package io.streamline.engine.operator;

import io.streamline.engine.OutputMode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine must know about an operator before it runs, to apply Spark's output-mode rules at
 * {@code start()}: whether it is a streaming aggregation (complete mode needs one), which output modes it refuses
 * outright, and which it accepts only when its input has a watermark (append mode on a windowed aggregation, an
 * outer join). Each refusal carries the rule in words, so the error names it. Immutable; the {@code refuse...}
 * methods return a copy.
 */
public final class OperatorTraits {
    private static final OperatorTraits PLAIN = new OperatorTraits(false, Map.of(), Map.of());

    private final boolean aggregation;
    private final Map<OutputMode, String> refused;
    private final Map<OutputMode, String> refusedWithoutWatermark;

    private OperatorTraits(boolean aggregation, Map<OutputMode, String> refused, Map<OutputMode, String> refusedWithoutWatermark) {
        this.aggregation = aggregation;
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
        return new OperatorTraits(true, Map.of(), Map.of()).refuse(OutputMode.APPEND, "Append output mode not supported"
                + " for streaming aggregations (count, sum, reduce): their results change with every record, so no row"
                + " is ever final to append; use outputMode(\"update\") for the changed rows or outputMode(\"complete\")"
                + " for the whole result");
    }

    /** A streaming aggregation that accepts every output mode unless told otherwise. */
    public static OperatorTraits aggregation() {
        return new OperatorTraits(true, Map.of(), Map.of());
    }

    /** These traits, refusing {@code mode} with the message {@code rule}. */
    public OperatorTraits refuse(OutputMode mode, String rule) {
        Map<OutputMode, String> copy = copy(refused);
        copy.put(mode, rule);
        return new OperatorTraits(aggregation, Map.copyOf(copy), refusedWithoutWatermark);
    }

    /** These traits, refusing {@code mode} with the message {@code rule} when the operator's input has no watermark. */
    public OperatorTraits refuseWithoutWatermark(OutputMode mode, String rule) {
        Map<OutputMode, String> copy = copy(refusedWithoutWatermark);
        copy.put(mode, rule);
        return new OperatorTraits(aggregation, refused, Map.copyOf(copy));
    }

    /** Whether the operator is a streaming aggregation. */
    public boolean isAggregation() {
        return aggregation;
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
