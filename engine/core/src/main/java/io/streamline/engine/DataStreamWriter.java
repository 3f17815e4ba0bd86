package io.streamline.engine;

import io.streamline.engine.exec.QueryDefinition;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.sink.ForeachBatchFunction;
import io.streamline.engine.sink.ForeachBatchSink;
import io.streamline.engine.sink.ForeachSink;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.engine.sink.StreamSink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describes where and how a stream's results go, as Spark's {@code writeStream}; {@link #start()} runs it.
 *
 * @param <T> the record type
 */
public final class DataStreamWriter<T> {
    /** The default trigger: this engine is continuous-first. */
    public static final Trigger DEFAULT_TRIGGER = Trigger.continuous(Duration.ofSeconds(1));

    private final StreamEngine engine;
    private final PlanNode node;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String format;
    private StreamSink<?> sink;
    private String outputMode = "append";
    private Trigger trigger = DEFAULT_TRIGGER;
    private String queryName;

    DataStreamWriter(StreamEngine engine, PlanNode node) {
        this.engine = engine;
        this.node = node;
    }

    /** The sink's format: {@code console}, {@code memory}, {@code json}, {@code csv}, {@code text}, {@code journal}. */
    public DataStreamWriter<T> format(String format) {
        this.format = format;
        this.sink = null;
        return this;
    }

    /** Sets an option of the sink, or {@code checkpointLocation}. */
    public DataStreamWriter<T> option(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** Sets a numeric option. */
    public DataStreamWriter<T> option(String key, long value) {
        return option(key, Long.toString(value));
    }

    /** {@code append} (default), {@code update} or {@code complete}. */
    public DataStreamWriter<T> outputMode(String mode) {
        this.outputMode = mode;
        return this;
    }

    /** The output mode. */
    public DataStreamWriter<T> outputMode(OutputMode mode) {
        return outputMode(mode.name());
    }

    /** When to checkpoint; default {@link #DEFAULT_TRIGGER}. */
    public DataStreamWriter<T> trigger(Trigger trigger) {
        this.trigger = trigger;
        return this;
    }

    /** The query's name; the {@code memory} sink names its table after it. */
    public DataStreamWriter<T> queryName(String name) {
        this.queryName = name;
        return this;
    }

    /** Sends every record to a user's writer (Spark's {@code foreach}). */
    public DataStreamWriter<T> foreach(ForeachWriter<T> writer) {
        if (writer == null) {
            throw new IllegalArgumentException("foreach needs a ForeachWriter (open, process, close), got null");
        }
        return sink(new ForeachSink<>(writer));
    }

    /**
     * Calls {@code function} once for each epoch that has rows, with the epoch's rows and id (Spark's
     * {@code foreachBatch}); see {@link ForeachBatchFunction}.
     */
    public DataStreamWriter<T> foreachBatch(ForeachBatchFunction<T> function) {
        if (function == null) {
            throw new IllegalArgumentException("foreachBatch needs a ForeachBatchFunction (rows, epochId), got null");
        }
        return sink(new ForeachBatchSink<>(function));
    }

    /** Sends the records to a ready-made sink. */
    public DataStreamWriter<T> sink(StreamSink<? super T> sink) {
        this.sink = sink;
        this.format = null;
        return this;
    }

    /**
     * Checks the whole definition, recovers from the checkpoint if there is one, and starts the query.
     *
     * @throws IllegalArgumentException naming the option or setting at fault, before any thread starts
     */
    public StreamingQuery start() {
        return engine.start(new QueryDefinition(node, format, Map.copyOf(options), sink, outputMode, trigger, queryName));
    }
}
