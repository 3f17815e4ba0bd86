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

    /**
     * Blocks until everything available in the sources at the call has been processed and committed, as Spark's
     * {@code processAllAvailable()}; meant for tests and for applications that feed a {@code MemoryStream} and
     * read the results. "Available" is what each source reports as readable when the thread reading it next looks
     * (for a {@code MemoryStream}: every row whose {@code addData} returned before the call); data that keeps
     * arriving afterwards is not waited for, so the call returns even on an endless source such as {@code rate}.
     *
     * <ul>
     *   <li>Micro-batch: returns once the batches up to those offsets have committed. Batches are planned as
     *       always (at the trigger's interval, within {@code maxRecordsPerTrigger}), so each
     *       {@code addData(...)} followed by {@code processAllAvailable()} is exactly one data batch, as in
     *       Spark's tests, unless a rate limit splits it.</li>
     *   <li>Continuous: once every source partition has read up to those offsets, an epoch is requested, so its
     *       boundary falls right after that data, and the call returns when the epoch has committed. With a long
     *       epoch interval each call therefore closes exactly one epoch. A custom source that cannot report its
     *       latest offset ({@link io.streamline.engine.source.SourceReader#latestOffset()}) counts as caught up
     *       with what it has read.</li>
     * </ul>
     *
     * Returns at once (or as soon as it happens) if the query stopped, or ends with {@code once}/{@code availableNow}.
     *
     * @throws StreamingQueryException if the query failed, before or while waiting
     */
    void processAllAvailable() throws StreamingQueryException;

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

    /**
     * End-to-end latency (nanoseconds) of the records delivered in the last committed epoch or batch: the
     * histogram whose percentiles {@code lastProgress().latency()} reports, with that epoch's or batch's id as its
     * {@link Histogram#getTag() tag} (empty and untagged before the first commit). A copy, made on each call.
     */
    Histogram lastEpochLatencyHistogram();
}
