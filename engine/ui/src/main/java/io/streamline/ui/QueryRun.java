package io.streamline.ui;

import io.streamline.engine.QueryStatus;
import io.streamline.engine.StreamingQuery;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a query as the page shows it: what the listener events said (start, progress, termination) and
 * the query's handle for its live status, plan and latency histogram. A run whose query ended before its
 * start event was heard has no handle; the events alone then describe it.
 */
final class QueryRun {
    private final UUID id;
    private final UUID runId;
    private final String name;
    private final StreamingQuery handle;
    private final Instant startedAt;
    private final ProgressHistory history = new ProgressHistory();
    private final EpochLatency epochLatency;
    private volatile Instant terminatedAt;
    private volatile String exception;
    private volatile String trigger;

    QueryRun(UUID id, UUID runId, String name, StreamingQuery handle, Instant startedAt) {
        this.id = id;
        this.runId = runId;
        this.name = name;
        this.handle = handle;
        this.startedAt = startedAt;
        this.epochLatency = new EpochLatency(handle);
    }

    UUID id() {
        return id;
    }

    UUID runId() {
        return runId;
    }

    /** The query's name, or {@code null}. */
    String name() {
        return name;
    }

    /** What metrics and the page call the query: its name, else its id. */
    String label() {
        return name != null ? name : id.toString();
    }

    Instant startedAt() {
        return startedAt;
    }

    ProgressHistory history() {
        return history;
    }

    EpochLatency epochLatency() {
        return epochLatency;
    }

    boolean active() {
        return terminatedAt == null;
    }

    /** When the run ended, if it has. */
    Optional<Instant> terminatedAt() {
        return Optional.ofNullable(terminatedAt);
    }

    /** What made the run fail, if it did. */
    Optional<String> exception() {
        return Optional.ofNullable(exception);
    }

    void terminated(Instant at, String failure) {
        this.exception = failure;
        this.terminatedAt = at;
    }

    QueryStatus status() {
        if (handle != null) {
            return handle.status();
        }
        return new QueryStatus(active() ? "Running" : exception != null ? "Terminated with exception: " + exception
                : "Stopped", false, false);
    }

    /** The latency of every record the run's sink received, if the run has a handle and received any. */
    Optional<Histogram> runLatency() {
        if (handle == null) {
            return Optional.empty();
        }
        Histogram nanos = handle.latencyHistogram();
        return nanos.getTotalCount() == 0 ? Optional.empty() : Optional.of(nanos);
    }

    /** The physical plan, as {@code explain()} prints it. */
    Optional<String> plan() {
        return handle == null ? Optional.empty() : Optional.of(handle.explainString());
    }

    /**
     * The trigger as the plan states it, e.g. {@code continuous: epoch every 100 ms} or
     * {@code micro-batch: ProcessingTime(1000 ms)}; read once, since a run's trigger does not change.
     */
    Optional<String> trigger() {
        if (trigger == null && handle != null) {
            trigger = PlanText.trigger(handle.explainString());
        }
        return Optional.ofNullable(trigger);
    }
}
