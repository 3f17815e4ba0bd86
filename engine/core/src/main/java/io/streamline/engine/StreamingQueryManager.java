package io.streamline.engine;

import io.streamline.engine.StreamingQueryListener.QueryProgressEvent;
import io.streamline.engine.StreamingQueryListener.QueryStartedEvent;
import io.streamline.engine.StreamingQueryListener.QueryTerminatedEvent;
import io.streamline.engine.exec.QueryEvents;
import io.streamline.engine.progress.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The engine's running queries, as Spark's {@code spark.streams()}, and the listener bus that tells
 * {@link StreamingQueryListener}s about them. Progress is also logged through SLF4J (logger
 * {@code io.streamline.engine.StreamingQueryManager}, INFO) at most once per query per configured interval.
 * Thread-safe.
 */
public final class StreamingQueryManager {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingQueryManager.class);

    private final Map<UUID, StreamingQuery> active = new LinkedHashMap<>();
    private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<UUID, Long> lastLoggedNanos = new ConcurrentHashMap<>();
    private final long logIntervalNanos;
    private final ExecutorService bus = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "streamline-listener-bus");
        t.setDaemon(true);
        return t;
    });
    private StreamingQuery lastTerminated;

    StreamingQueryManager(Duration progressLogInterval) {
        this.logIntervalNanos = progressLogInterval.toNanos();
    }

    /** The queries currently running. */
    public synchronized List<StreamingQuery> active() {
        return new ArrayList<>(active.values());
    }

    /** The running query with this id, or {@code null}. */
    public synchronized StreamingQuery get(UUID id) {
        return active.get(id);
    }

    /** Registers a listener for the events of every query started from now on. */
    public void addListener(StreamingQueryListener listener) {
        listeners.add(listener);
    }

    /** Unregisters a listener. */
    public void removeListener(StreamingQueryListener listener) {
        listeners.remove(listener);
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
            long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
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

    /**
     * Registers a query about to start its threads; refuses a second active query with the same id or name, as
     * Spark does (two queries of one name would fill the same memory table).
     */
    synchronized void started(StreamingQuery query) {
        if (active.containsKey(query.id())) {
            throw new IllegalStateException("Cannot start query with id " + query.id()
                    + " as another query with the same id is already active (same checkpointLocation)");
        }
        if (query.name() != null) {
            active.values().stream().filter(q -> query.name().equals(q.name())).findFirst().ifPresent(other -> {
                throw new IllegalArgumentException("Cannot start query with name " + query.name() + " as a query with"
                        + " that name is already active (id " + other.id() + "); stop it first or choose another queryName");
            });
        }
        active.put(query.id(), query);
        post(l -> l.onQueryStarted(new QueryStartedEvent(query.id(), query.runId(), query.name())));
    }

    /** The callbacks queries report to. */
    QueryEvents events() {
        return new QueryEvents() {
            @Override
            public void progress(StreamingQuery query, StreamingQueryProgress progress) {
                logProgress(query, progress);
                post(l -> l.onQueryProgress(new QueryProgressEvent(progress)));
            }

            @Override
            public void terminated(StreamingQuery query) {
                synchronized (StreamingQueryManager.this) {
                    active.remove(query.id(), query);
                    lastTerminated = query;
                    StreamingQueryManager.this.notifyAll();
                }
                lastLoggedNanos.remove(query.runId());
                String failure = query.exception().map(e -> String.valueOf(e.getCause())).orElse(null);
                post(l -> l.onQueryTerminated(new QueryTerminatedEvent(query.id(), query.runId(), failure)));
            }
        };
    }

    private void logProgress(StreamingQuery query, StreamingQueryProgress progress) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastLoggedNanos.get(query.runId());
        if (last == null || now - last >= logIntervalNanos) {
            lastLoggedNanos.put(query.runId(), now);
            bus.execute(() -> LOG.info("Streaming query made progress: {}", progress.prettyJson()));
        }
    }

    private void post(Consumer<StreamingQueryListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        bus.execute(() -> listeners.forEach(l -> {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Streaming query listener {} failed", l, e);
            }
        }));
    }
}
