package io.streamline.engine.sink;

/** A destination for a query's results. */
public interface StreamSink<T> {
    /** Short name as used with {@code format(...)}, e.g. {@code "console"}. */
    String format();

    /** Human-readable description for plans and progress reports. */
    String description();

    /**
     * Whether the sink should run on its own thread behind a ring, because it blocks or is slow (e.g. the
     * console); otherwise it is fused into the last task, which is faster.
     */
    default boolean runsOnOwnThread() {
        return false;
    }

    /** Whether the sink needs a {@code checkpointLocation} set by the user (Spark requires one for most sinks). */
    default boolean requiresCheckpointLocation() {
        return true;
    }

    /** Opens the writer for one sink partition. */
    SinkWriter<T> open(SinkSetup setup);
}
