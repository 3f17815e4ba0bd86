package io.streamline.engine.plan;

import io.streamline.engine.config.Options;
import io.streamline.engine.source.StreamSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A source, either given ready-made ({@code readStream(source)}) or by format and options, which are
 * resolved and checked only at {@code start()}, as Spark does.
 */
public record SourceNode(String format, Map<String, String> options, StreamSource<?> given) implements PlanNode {
    /** The source, resolving format and options with {@code registry} if it was not given ready-made. */
    public StreamSource<?> resolve(Function<Options, StreamSource<?>> registry) {
        return given != null ? given : registry.apply(new Options("source '" + format + "'", options));
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }

    @Override
    public String shape() {
        return "source:" + (given != null ? given.format() : format);
    }
}
