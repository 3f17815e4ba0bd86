package io.streamline.engine.plan;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code withWatermark}: stamps records with their event time and derives the stream's watermark from it.
 *
 * @param eventTime   the record's event time in epoch milliseconds, or {@code null} for the source's
 * @param delayMillis how late a record may be, at least 0
 * @param input       its input
 */
public record WatermarkNode(ToLongFunction<Object> eventTime, long delayMillis, PlanNode input) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String shape() {
        return "withWatermark";
    }
}
