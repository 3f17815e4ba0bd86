package io.streamline.engine;

import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.source.RateRow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describes a source by format and string options, as Spark's {@code readStream}. Options are checked at
 * {@code start()}: an unknown format or option, or a malformed value, fails there with a message naming it.
 *
 * <p>The built-in formats have typed entry points that give the stream its record type, as Spark's
 * {@code readStream.text(path)} does: {@link #rate()}, {@link #socket()}, {@link #text(String)},
 * {@link #csv(String)}, {@link #json(String)}, {@link #journal(String)}. {@code format(name)...load()} is for
 * formats named at run time; its record type is whatever the caller says, unchecked, so a wrong one
 * ({@code .format("rate").<String>load()}) compiles and fails with a {@code ClassCastException} in the first
 * function that uses a record.
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

    /**
     * The stream of the format set with {@link #format}; its element type must be the format's record type
     * (e.g. {@link RateRow} for {@code rate}), which is not checked: prefer the typed entry points.
     */
    public <T> DataStream<T> load() {
        return new DataStream<>(engine, new SourceNode(format, Map.copyOf(options), null));
    }

    /** The {@code rate} source ({@code rowsPerSecond}, {@code rampUpTime}, {@code numPartitions}, ... as options). */
    public DataStream<RateRow> rate() {
        return format("rate").load();
    }

    /** The {@code socket} source: lines read from {@code host}:{@code port} (given as options). */
    public DataStream<String> socket() {
        return format("socket").load();
    }

    /** The {@code text} file source: one row per line of the files that appear in directory {@code path}. */
    public DataStream<String> text(String path) {
        return option("path", path).format("text").load();
    }

    /** The {@code csv} file source: one row per line, column name to value in column order. */
    public DataStream<Map<String, String>> csv(String path) {
        return option("path", path).format("csv").load();
    }

    /** The {@code json} file source: one row per JSON-lines object, field name to value. */
    public DataStream<Map<String, Object>> json(String path) {
        return option("path", path).format("json").load();
    }

    /** The {@code journal} source: the rows a {@code journal} sink wrote under {@code path}, as that query gave them. */
    public DataStream<Object> journal(String path) {
        return option("path", path).format("journal").load();
    }
}
