package io.streamline.ui;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryListener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs of an engine's queries, active and recently terminated, built from the engine's listener events
 * (as Spark's UI builds its Streaming tab), each with its query's handle for what events do not carry.
 * Events arrive on the engine's listener thread, never on a record path; the page reads from HTTP threads.
 */
final class QueryRegistry implements StreamingQueryListener {
    /** Terminated runs kept for the engine page; the oldest are forgotten beyond this. */
    static final int TERMINATED_KEPT = 50;

    private final StreamEngine engine;
    private final Map<UUID, QueryRun> runs = new LinkedHashMap<>();

    private QueryRegistry(StreamEngine engine) {
        this.engine = engine;
    }

    /** A registry listening to {@code engine}'s queries from now on. */
    static QueryRegistry listenTo(StreamEngine engine) {
        QueryRegistry registry = new QueryRegistry(engine);
        engine.streams().addListener(registry);
        return registry;
    }

    /** Stops listening. */
    void detach() {
        engine.streams().removeListener(this);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        StreamingQuery handle = engine.streams().get(event.id());
        if (handle != null && !handle.runId().equals(event.runId())) {
            handle = null; // a later run of the same query; this one has ended already
        }
        QueryRun run = new QueryRun(event.id(), event.runId(), event.name(), handle, Instant.now());
        synchronized (this) {
            runs.put(event.runId(), run);
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        find(event.progress().runId()).ifPresent(run -> run.history().add(event.progress()));
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        find(event.runId()).ifPresent(run -> run.terminated(Instant.now(), event.exception()));
        forgetOldTerminated();
    }

    private synchronized void forgetOldTerminated() {
        long terminated = runs.values().stream().filter(r -> !r.active()).count();
        for (Iterator<QueryRun> it = runs.values().iterator(); it.hasNext() && terminated > TERMINATED_KEPT; ) {
            if (!it.next().active()) {
                it.remove();
                terminated--;
            }
        }
    }

    private synchronized Optional<QueryRun> find(UUID runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** Every kept run, oldest start first. */
    synchronized List<QueryRun> runs() {
        return new ArrayList<>(runs.values());
    }

    /** The latest run of each query, oldest start first: what the metrics report, one series per query. */
    synchronized List<QueryRun> latestRunPerQuery() {
        Map<UUID, QueryRun> latest = new LinkedHashMap<>();
        for (QueryRun run : runs.values()) {
            latest.remove(run.id());
            latest.put(run.id(), run);
        }
        return new ArrayList<>(latest.values());
    }

    /** The run with this run id, else the latest run of the query with this id. */
    synchronized Optional<QueryRun> find(String idOrRunId) {
        UUID uuid;
        try {
            uuid = UUID.fromString(idOrRunId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        QueryRun byRun = runs.get(uuid);
        if (byRun != null) {
            return Optional.of(byRun);
        }
        QueryRun latest = null;
        for (QueryRun run : runs.values()) {
            if (run.id().equals(uuid)) {
                latest = run;
            }
        }
        return Optional.ofNullable(latest);
    }
}
