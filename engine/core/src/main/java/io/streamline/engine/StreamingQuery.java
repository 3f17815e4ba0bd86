package io.streamline.engine;

import io.streamline.engine.progress.StreamingQueryProgress;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A handle to a running query, with Spark's names. Thread-safe. */
public interface StreamingQuery {
    /** The query's identity, stable across restarts from the same checkpoint. */
    UUID id();

    /** This run's identity, new at every start. */
    UUID runId();

    /** The name given with {@code queryName}, or {@code null}. */
    String name();

    /** Whether the query is running. */
    boolean isActive();

    /**
     * Stops the query: closes one last epoch so the checkpoint holds everything processed so far (waiting at
     * most about one epoch interval for it), then stops every thread. Returns when the query has terminated.
     */
    void stop();

    /** Waits until the query terminates; throws if it failed. */
    void awaitTermination() throws StreamingQueryException;

    /**
     * Waits at most {@code timeoutMs} for the query to terminate.
     *
     * @return whether it terminated
     */
    boolean awaitTermination(long timeoutMs) throws StreamingQueryException;

    /** Why the query failed, if it did. */
    Optional<StreamingQueryException> exception();

    /** The progress of the last committed epoch, or {@code null} before the first. */
    StreamingQueryProgress lastProgress();

    /** The progress of recent epochs, oldest first (bounded). */
    List<StreamingQueryProgress> recentProgress();

    /** What the query is doing now. */
    QueryStatus status();

    /** The physical plan: tasks, the operators fused in each, rings and their sizes, threads, idle strategy. */
    String explainString();

    /** Prints {@link #explainString()} to standard output, as Spark's {@code explain()} does. */
    default void explain() {
        System.out.println(explainString());
    }

    /** End-to-end latency (nanoseconds) of every record delivered to the sinks since the query started. */
    Histogram latencyHistogram();
}
