package io.streamline.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The engine's running queries, as Spark's {@code spark.streams()}. Thread-safe. */
public final class StreamingQueryManager {
    private final Map<UUID, StreamingQuery> active = new LinkedHashMap<>();
    private StreamingQuery lastTerminated;

    /** The queries currently running. */
    public synchronized List<StreamingQuery> active() {
        return new ArrayList<>(active.values());
    }

    /** The running query with this id, or {@code null}. */
    public synchronized StreamingQuery get(UUID id) {
        return active.get(id);
    }

    /** Waits until any query terminates (or one already has since the last {@link #resetTerminated()}); throws if it failed. */
    public void awaitAnyTermination() throws StreamingQueryException {
        awaitAnyTermination(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeoutMs} for any query to terminate.
     *
     * @return whether one has
     */
    public boolean awaitAnyTermination(long timeoutMs) throws StreamingQueryException {
        StreamingQuery done;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (lastTerminated == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            done = lastTerminated;
        }
        if (done.exception().isPresent()) {
            throw done.exception().get();
        }
        return true;
    }

    /** Forgets terminated queries, so {@link #awaitAnyTermination()} waits for a new termination. */
    public synchronized void resetTerminated() {
        lastTerminated = null;
    }

    synchronized void started(StreamingQuery query) {
        StreamingQuery running = active.get(query.id());
        if (running != null) {
            throw new IllegalStateException("Cannot start query with id " + query.id()
                    + " as another query with the same id is already active (same checkpointLocation)");
        }
        active.put(query.id(), query);
    }

    synchronized void terminated(StreamingQuery query) {
        active.remove(query.id(), query);
        lastTerminated = query;
        notifyAll();
    }
}
