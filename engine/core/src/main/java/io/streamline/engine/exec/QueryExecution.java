package io.streamline.engine.exec;

import io.streamline.engine.QueryStatus;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.epoch.EpochCoordinator;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.runtime.CatchUpRequests;
import io.streamline.engine.runtime.EpochReplay;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.journal.CommitRecord;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.streamline.engine.state.KeyGroups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What continuous and micro-batch queries share: the checkpoint and recovery from its last commit, the
 * planned pipeline, the epoch (batch) coordinator and its commit records, progress, failure and shutdown.
 * Subclasses decide how records are driven through the pipeline.
 */
public abstract class QueryExecution implements StreamingQuery {
    private static final Logger LOG = LoggerFactory.getLogger(QueryExecution.class);
    protected final ResolvedQuery query;
    protected final EngineConfig config;
    protected final Checkpoint checkpoint;
    protected final Optional<CommitRecord> lastCommit;
    protected final EpochCoordinator coordinator;
    protected final Pipeline pipeline;
    protected final ProgressTracker progress;
    /** The {@code processAllAvailable()} requests: answered by the source tasks, or by the batch driver. */
    protected final CatchUpRequests catchUp;
    private final UUID id;
    private final UUID runId = UUID.randomUUID();
    private final QueryEvents events;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread committer;
    private volatile boolean running = true;
    private volatile StreamingQueryException exception;

    /**
     * Recovers from the checkpoint (state restored, sources positioned at the last commit) and plans the
     * pipeline; starts no thread.
     *
     * @param threadBoundaries whether the pipeline gets tasks and rings (continuous) or runs on one driver thread
     */
    QueryExecution(ResolvedQuery query, EngineConfig config, Checkpoint checkpoint, QueryEvents events,
                   boolean threadBoundaries, boolean exactlyOnce) {
        this.query = query;
        this.config = config;
        this.checkpoint = checkpoint;
        this.events = events;
        this.id = UUID.fromString(checkpoint.metadata().queryId());
        this.lastCommit = checkpoint.lastCommit();
        long lastEpoch = lastCommit.map(CommitRecord::epoch).orElse(-1L);
        // Before anything else: a source whose partition count changed may refuse to go on from this checkpoint.
        Map<String, String> offsets = RestoredOffsets.of(query.plan(), query.sources(),
                lastCommit.map(CommitRecord::sourceOffsets).orElse(Map.of()));
        Map<String, Long> refs = lastCommit.map(CommitRecord::snapshotRefs).orElse(Map.of());

        // Continuous mode logs each epoch's boundaries ahead of its output; micro-batch mode logs its batches itself.
        this.coordinator = threadBoundaries ? new EpochCoordinator(lastEpoch, this::commit, this::logAhead)
                : new EpochCoordinator(lastEpoch, this::commit);
        List<CommitRecord> replayed = threadBoundaries ? replayableEpochs(lastEpoch) : List.of();
        this.catchUp = new CatchUpRequests(threadBoundaries ? query.sourcePartitions() : 1);
        recoverSink(lastEpoch, lastCommit.map(CommitRecord::sinkHandles).orElse(Map.of()));
        SinkSetup sinkSetup = new SinkSetup(query.name(), query.outputMode(), 0, 1, lastEpoch + 1, checkpoint.location(),
                exactlyOnce);
        PipelineBuilder.Environment env = new PipelineBuilder.Environment(config, coordinator, coordinator, offsets,
                lastCommit.map(CommitRecord::watermarks).orElse(Map.of()),
                (placement, state) -> restoredCheckpointer(placement, state, refs), () -> running, this::fail, lastEpoch + 1,
                threadBoundaries, checkpoint.location(), catchUp, replayPlan(replayed),
                lastCommit.map(CommitRecord::sinkSequences).orElse(Map.of()));
        this.pipeline = new PipelineBuilder(query.plan(), query.sources(), query.sink(), sinkSetup, query.outputMode(), env).build();
        coordinator.expect(pipeline.participants());
        replayed.forEach(epoch -> coordinator.replayLogged(epoch.epoch(), epoch.timestampMillis()));
        if (!replayed.isEmpty()) {
            LOG.info("Replaying epochs {} to {} with the boundaries logged before the restart",
                    replayed.get(0).epoch(), replayed.get(replayed.size() - 1).epoch());
        }
        this.progress = new ProgressTracker(id, runId, query.name(), query, pipeline.latencies(),
                lastCommit.isPresent() ? offsets : null, !threadBoundaries);
        this.committer = new Thread(this::runCommitter, threadPrefix() + "committer");
        committer.setDaemon(true);
    }

    /**
     * Recovers the query from its checkpoint and plans it for its trigger's mode; starts no thread.
     *
     * @param events told of the query's progress and termination
     */
    public static QueryExecution create(ResolvedQuery query, EngineConfig config, QueryEvents events) {
        Checkpoint checkpoint = openCheckpoint(query, config);
        try {
            return query.continuous()
                    ? new ContinuousExecution(query, config, checkpoint, events)
                    : new MicroBatchExecution(query, config, checkpoint, events);
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    /** Opens the query's checkpoint: the user's directory, or a temporary one deleted at the end. */
    private static Checkpoint openCheckpoint(ResolvedQuery query, EngineConfig config) {
        String journalThread = "streamline-" + (query.name() != null ? query.name() : "query") + "-journal";
        Map<String, String> description = new LinkedHashMap<>(query.description());
        if (query.plan().hasKeyedOperator()) {
            description.put(Checkpoint.KEY_GROUPS, Integer.toString(config.keyGroups())); // keyed state lives in groups
        }
        if (query.checkpointLocation() != null) {
            return Checkpoint.open(query.checkpointLocation(), false, query.fingerprint(), description, config.journal(),
                    journalThread);
        }
        Path temporary;
        try {
            temporary = Files.createTempDirectory("streamline-checkpoint-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint location", e);
        }
        try {
            return Checkpoint.open(temporary, true, query.fingerprint(), description, config.journal(), journalThread);
        } catch (RuntimeException e) {
            Checkpoint.deleteRecursively(temporary); // a failed start() leaves nothing behind
            throw e;
        }
    }

    /**
     * The epochs logged after the last commit, which recovery replays with their boundaries before any new epoch;
     * none when a source cannot read up to a given offset (it then starts new epochs at the last commit).
     */
    private List<CommitRecord> replayableEpochs(long lastEpoch) {
        List<CommitRecord> logged = checkpoint.loggedAfter(lastEpoch);
        if (logged.isEmpty()) {
            return logged;
        }
        Optional<String> cannot = query.sources().values().stream().filter(s -> !s.supportsMicroBatch())
                .map(s -> s.getClass().getSimpleName()).findFirst();
        if (cannot.isPresent()) {
            LOG.warn("Epochs {} to {} were logged but are not replayed with their boundaries: source {} cannot read up to an offset",
                    logged.get(0).epoch(), logged.get(logged.size() - 1).epoch(), cannot.get());
            return List.of();
        }
        return logged;
    }

    /** Each source partition's part of the replayed epochs. */
    private static Map<String, EpochReplay> replayPlan(List<CommitRecord> replayed) {
        Map<String, List<Long>> epochs = new HashMap<>();
        Map<String, List<String>> ends = new HashMap<>();
        for (CommitRecord epoch : replayed) {
            epoch.sourceOffsets().forEach((key, end) -> {
                epochs.computeIfAbsent(key, k -> new ArrayList<>()).add(epoch.epoch());
                ends.computeIfAbsent(key, k -> new ArrayList<>()).add(end);
            });
        }
        Map<String, EpochReplay> plan = new HashMap<>();
        epochs.forEach((key, list) -> plan.put(key, new EpochReplay(list, ends.get(key))));
        return plan;
    }

    /** The coordinator's epoch log (continuous mode): appends the epoch's boundaries on the committer thread. */
    private void logAhead(long epoch, long startMillis, Map<String, String> endOffsets) {
        checkpoint.writeAhead(new CommitRecord(id.toString(), epoch, startMillis, endOffsets, Map.of()));
    }

    /**
     * Gives a two-phase sink the handles of the last commit, so it finishes what a crash interrupted and discards
     * what no commit names.
     */
    private void recoverSink(long lastEpoch, Map<String, String> handles) {
        Map<Integer, String> byPartition = new HashMap<>();
        handles.forEach((sinkKey, handle) -> byPartition.put(Integer.parseInt(sinkKey.substring(sinkKey.indexOf('/') + 1)), handle));
        try {
            query.sink().recover(lastEpoch, byPartition);
        } catch (Exception e) {
            throw new IllegalStateException("The " + query.sink().format() + " sink could not recover the output of epoch "
                    + lastEpoch + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores a state from the last commit's snapshots, if any, and returns its checkpointer. An instance of a keyed
     * operator reads the snapshots of every instance the operator had at that commit, whatever its parallelism then,
     * and keeps the key groups it owns now.
     */
    private StateCheckpointer restoredCheckpointer(StatePlacement placement, OperatorState state, Map<String, Long> refs) {
        OperatorCheckpointer.Grouping grouping = placement.keyed()
                ? new OperatorCheckpointer.Grouping(new KeyGroups(config.keyGroups()), state, placement.owned()) : null;
        OperatorCheckpointer checkpointer = checkpoint.checkpointer(placement.stateId(), grouping, coordinator::snapshotWritten,
                this::fail);
        List<OperatorCheckpointer.Chain> chains = new ArrayList<>();
        new TreeMap<>(refs).forEach((stateId, ref) -> {
            if (placement.keyed() ? placement.sameOperator(stateId) : stateId.equals(placement.stateId())) {
                chains.add(new OperatorCheckpointer.Chain(checkpoint.store(stateId), ref));
            }
        });
        if (!chains.isEmpty()) {
            checkpointer.restore(chains, state);
        }
        return checkpointer;
    }

    /** Starts the committer thread, then whatever drives records: task threads or a batch driver. */
    public final void startThreads() {
        checkpoint.openInBackground();
        committer.start();
        startDrivers();
    }

    /** Starts whatever drives records through the pipeline. */
    protected abstract void startDrivers();

    /** Stops the threads {@link #startDrivers()} started and waits for them. */
    protected abstract void stopThreads();

    /** The coordinator's committer loop; a failed commit (e.g. a full disk) stops the query. */
    private void runCommitter() {
        try {
            coordinator.commitCompleted();
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Durations to report for a committed epoch, measured around the commit record's append. */
    protected abstract Map<String, Long> durations(EpochReport report, long walStartNanos, long walEndNanos);

    /**
     * Commits a complete epoch, on the coordinator's committer thread: makes every sink partition's output durable,
     * appends the commit record with their handles, then lets the sinks make the output visible.
     */
    private void commit(EpochReport report) {
        long start = System.nanoTime();
        Map<String, String> handles = new LinkedHashMap<>();
        report.sinkOutputs().forEach((sinkKey, output) -> {
            String handle = sinkStep("make durable", report.epoch(), output::persist);
            if (handle != null) {
                handles.put(sinkKey, handle);
            }
        });
        long persisted = System.nanoTime();
        FaultInjection.maybeHaltBeforeCommit();
        checkpoint.commit(new CommitRecord(id.toString(), report.epoch(), System.currentTimeMillis(),
                Map.copyOf(report.offsets()), Map.copyOf(report.snapshotRefs()), handles, Map.copyOf(report.watermarks()),
                Map.copyOf(report.sinkSequences())),
                committed -> pipeline.partitions().forEach(p -> p.reader().committed(committed.sourceOffsets().get(p.key()))));
        long end = System.nanoTime();
        FaultInjection.maybeHaltBeforeSinkCommit();
        report.sinkOutputs().values().forEach(output -> sinkStep("commit", report.epoch(), () -> {
            output.commit();
            return null;
        }));
        afterCommit(report);
        Map<String, Long> durations = durations(report, persisted, end);
        durations.put("sinkPersist", (persisted - start) / 1_000_000);
        durations.put("sinkCommit", (System.nanoTime() - end) / 1_000_000);
        durations.put("snapshotWait", report.snapshotWaitNanos() / 1_000_000);
        events.progress(this, progress.committed(report, coordinator.epochStartMillis(report.epoch()), end, durations));
    }

    private <R> R sinkStep(String step, long epoch, java.util.concurrent.Callable<R> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The " + query.sink().format() + " sink could not " + step + " the output of epoch "
                    + epoch + ": " + e.getMessage(), e);
        }
    }

    /** Called on the committer thread after an epoch's commit record and sink commits. */
    protected void afterCommit(EpochReport report) {
    }

    /** Whether the query's threads should keep going. */
    protected final boolean running() {
        return running;
    }

    /** Stops the query because of {@code cause}: nothing after the last commit becomes durable. */
    protected final void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            coordinator.fail();
            Thread stopper = new Thread(() -> shutdown(cause), threadPrefix() + "failure");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    /** Whether the query failed. */
    protected final boolean failed() {
        return failure.get() != null;
    }

    /** Stops every thread and closes everything, once, whether the query stopped or failed. */
    protected final void shutdown(Throwable cause) {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        running = false;
        stopThreads();
        coordinator.stopCommitting();
        if (committer.isAlive() && Thread.currentThread() != committer) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        checkpoint.close(); // first: its background retention may still call the sources
        pipeline.partitions().forEach(p -> p.reader().close());
        for (SinkNode sinkNode : pipeline.sinkNodes()) {
            sinkNode.close(cause);
        }
        if (cause != null) {
            exception = new StreamingQueryException(name() != null ? name() : id.toString(), cause);
        }
        terminated.countDown();
        events.terminated(this);
    }

    /** Releases a query that was created but never started. */
    public final void discard() {
        shutdown(null);
    }

    /** Prefix of the names of this query's threads. */
    protected final String threadPrefix() {
        return "streamline-" + (query.name() != null ? query.name() : id.toString().substring(0, 8)) + "-";
    }

    @Override
    public final void processAllAvailable() throws StreamingQueryException {
        if (!isActive()) {
            throwIfFailed();
            return;
        }
        long request = catchUp.request();
        try {
            while (!catchUp.awaitCaughtUp(request, 100)) {
                if (!isActive()) {
                    throwIfFailed();
                    return;
                }
            }
            afterCaughtUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        throwIfFailed();
    }

    /**
     * What {@link #processAllAvailable()} does once every reader caught up with its request: in continuous mode,
     * close an epoch right after the data and wait for its commit; the batch driver reports only committed batches.
     */
    protected abstract void afterCaughtUp() throws InterruptedException;

    /** Waits for termination, ignoring interrupts' cause but keeping the flag. */
    protected final void awaitTerminationQuietly() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public UUID runId() {
        return runId;
    }

    @Override
    public String name() {
        return query.name();
    }

    @Override
    public boolean isActive() {
        return terminated.getCount() > 0;
    }

    @Override
    public void awaitTermination() throws StreamingQueryException {
        awaitTerminationQuietly();
        throwIfFailed();
    }

    @Override
    public boolean awaitTermination(long timeoutMs) throws StreamingQueryException {
        boolean done;
        try {
            done = terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        throwIfFailed();
        return done;
    }

    private void throwIfFailed() throws StreamingQueryException {
        if (exception != null) {
            throw exception;
        }
    }

    @Override
    public Optional<StreamingQueryException> exception() {
        return Optional.ofNullable(exception);
    }

    @Override
    public final QueryStatus status() {
        if (exception != null) {
            return new QueryStatus("Terminated with exception: " + exception.getCause(), false, false);
        }
        return isActive() ? runningStatus() : new QueryStatus("Stopped", false, false);
    }

    /** The status while the query runs. */
    protected abstract QueryStatus runningStatus();

    @Override
    public StreamingQueryProgress lastProgress() {
        return progress.last();
    }

    @Override
    public List<StreamingQueryProgress> recentProgress() {
        return progress.recent();
    }

    @Override
    public Histogram latencyHistogram() {
        return progress.runLatency();
    }

    @Override
    public Histogram lastEpochLatencyHistogram() {
        return progress.lastEpochLatency();
    }

    /** The plan's tasks or chains, one line each, for {@code explain()}. */
    protected final String describeCheckpoint() {
        return "Checkpoint: " + checkpoint.location() + '\n';
    }
}
