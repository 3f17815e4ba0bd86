package io.streamline.engine.sink;

import java.util.Map;

/** A destination for a query's results; found by {@code format(...)} through a {@link io.streamline.engine.connector.SinkProvider}. */
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

    /**
     * Whether every task that feeds the sink may get a writer of its own ({@link SinkSetup#partitionId()}), instead
     * of all of them feeding one writer through a fan-in. A sink that can take parallel writers (files, Kafka)
     * says so: each source partition's chain then ends in its own writer, with no ring and no extra thread.
     */
    default boolean supportsPartitions() {
        return false;
    }

    /** Whether the sink needs a {@code checkpointLocation} set by the user (Spark requires one for most sinks). */
    default boolean requiresCheckpointLocation() {
        return true;
    }

    /**
     * Called once when the query starts, before any writer opens, with the last commit's handles (sink partition
     * to the handle its {@link EpochOutput#persist()} returned; empty for a new query or a one-phase sink): commit
     * those that are not visible yet, and discard anything else prepared that no commit names. The default does
     * nothing, right for one-phase sinks.
     *
     * @param lastCommittedEpoch the last committed epoch or batch, -1 if none
     * @param committedHandles   the handles of that commit, by sink partition
     */
    default void recover(long lastCommittedEpoch, Map<Integer, String> committedHandles) throws Exception {
    }

    /** Opens the writer for one sink partition. */
    SinkWriter<T> open(SinkSetup setup);
}
