package io.streamline.engine;

import io.streamline.engine.plan.SourceNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describes a source by format and string options, as Spark's {@code readStream}. Options are checked at
 * {@code start()}: an unknown format or option, or a malformed value, fails there with a message naming it.
 */
public final class DataStreamReader {
    private final StreamEngine engine;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String format;

    DataStreamReader(StreamEngine engine) {
        this.engine = engine;
    }

    /** The source's format, e.g. {@code "rate"}. */
    public DataStreamReader format(String format) {
        this.format = format;
        return this;
    }

    /** Sets an option. */
    public DataStreamReader option(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** Sets a numeric option. */
    public DataStreamReader option(String key, long value) {
        return option(key, Long.toString(value));
    }

    /** Sets a boolean option. */
    public DataStreamReader option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    /** The stream; its element type is the format's row type (e.g. {@link io.streamline.engine.source.RateRow}). */
    public <T> DataStream<T> load() {
        return new DataStream<>(engine, new SourceNode(format, Map.copyOf(options), null));
    }
}
