package io.streamline.engine.exec;

import io.streamline.engine.QueryStatus;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.epoch.EpochCoordinator;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.runtime.SourceInput;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.runtime.Task;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.journal.CommitRecord;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A query running in continuous mode: tasks on their own threads, an epoch clock, and the commit of each
 * fully acknowledged epoch to the journal (ENGINE.md §3). Recovery happens in {@link #start}: state is
 * restored from the last commit's snapshots and sources resume at its offsets.
 */
public final class ContinuousExecution implements StreamingQuery {
    private final ResolvedQuery query;
    private final EngineConfig config;
    private final Checkpoint checkpoint;
    private final UUID id;
    private final UUID runId = UUID.randomUUID();
    private final EpochCoordinator coordinator;
    private final Pipeline pipeline;
    private final ProgressTracker progress;
    private final IdleMode idleMode;
    private final Consumer<ContinuousExecution> onTerminated;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final ScheduledExecutorService clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile StreamingQueryException exception;

    private ContinuousExecution(ResolvedQuery query, EngineConfig config, Checkpoint checkpoint,
                                Consumer<ContinuousExecution> onTerminated) {
        this.query = query;
        this.config = config;
        this.checkpoint = checkpoint;
        this.onTerminated = onTerminated;
        this.id = UUID.fromString(checkpoint.metadata().queryId());
        Optional<CommitRecord> last = checkpoint.lastCommit();
        long lastEpoch = last.map(CommitRecord::epoch).orElse(-1L);
        Map<String, String> offsets = last.map(CommitRecord::sourceOffsets).orElse(Map.of());
        Map<String, Long> refs = last.map(CommitRecord::snapshotRefs).orElse(Map.of());

        this.coordinator = new EpochCoordinator(lastEpoch, query.acksPerEpoch(), this::commit);
        SinkWriter<Object> writer = query.sink().open(new SinkSetup(query.name(), query.outputMode(), 0, lastEpoch + 1,
                checkpoint.location()));
        this.pipeline = new PipelineBuilder(query.plan(), query.sources(), query.sink(), writer, query.outputMode(),
                config.ringSize(), coordinator, coordinator, offsets,
                (operatorId, operator) -> restoredCheckpointer(operatorId, operator, refs),
                () -> running, this::fail, lastEpoch + 1).checkpointLocation(checkpoint.location()).build();
        this.progress = new ProgressTracker(id, runId, query.name(), query, pipeline.latency(), last.isPresent() ? offsets : null);
        boolean spinFits = pipeline.tasks().size() <= Runtime.getRuntime().availableProcessors();
        this.idleMode = config.idleMode() == IdleMode.BUSY_SPIN && !spinFits ? IdleMode.BACKOFF : config.idleMode();
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadPrefix() + "epoch-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /** Restores the operator from the last commit's snapshot, if any, and returns its checkpointer. */
    private StateCheckpointer restoredCheckpointer(String operatorId, Operator<?, ?> operator, Map<String, Long> refs) {
        Long ref = refs.get(operatorId);
        if (ref != null) {
            checkpoint.restore(operatorId, ref, operator.state());
        }
        return checkpoint.checkpointer(operatorId, coordinator);
    }

    /**
     * Opens the checkpoint and recovers: state restored, sources positioned. No thread runs until {@link #startThreads()}.
     *
     * @param onTerminated told once when the query has terminated
     */
    public static ContinuousExecution create(ResolvedQuery query, EngineConfig config, Consumer<ContinuousExecution> onTerminated) {
        boolean temporary = query.checkpointLocation() == null;
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(temporary ? Files.createTempDirectory("streamline-checkpoint-") : query.checkpointLocation(),
                    temporary, query.fingerprint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary checkpoint location", e);
        }
        try {
            return new ContinuousExecution(query, config, checkpoint, onTerminated);
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    /** Releases a query that was created but never started. */
    public void discard() {
        pipeline.sourceInputs().forEach(SourceInput::close);
        pipeline.sinkNode().close(null);
        checkpoint.close();
        clock.shutdownNow();
    }

    /** Starts the task threads and the epoch clock. */
    public void startThreads() {
        for (Task task : pipeline.tasks()) {
            AgentRunner runner = new AgentRunner(idleMode.newStrategy(), this::onAgentError, null, task);
            runners.add(runner);
            AgentRunner.startOnThread(runner, r -> new Thread(r, threadPrefix() + task.roleName()));
        }
        long intervalMs = query.interval().toMillis();
        clock.scheduleAtFixedRate(coordinator::startNextEpoch, intervalMs, Math.max(1, intervalMs), TimeUnit.MILLISECONDS);
    }

    private String threadPrefix() {
        return "streamline-" + (query.name() != null ? query.name() : id.toString().substring(0, 8)) + "-";
    }

    private void onAgentError(Throwable t) {
        if (!(t instanceof AgentTerminationException)) {
            fail(t);
        }
    }

    /** Runs on the thread that delivered the epoch's last acknowledgement, under the coordinator's lock. */
    private void commit(EpochReport report) {
        long start = System.nanoTime();
        checkpoint.commit(new CommitRecord(id.toString(), report.epoch(), System.currentTimeMillis(),
                Map.copyOf(report.offsets()), Map.copyOf(report.snapshotRefs())));
        long end = System.nanoTime();
        progress.committed(report, end, end - start);
    }

    private void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            coordinator.fail(); // nothing after the last commit may become durable now
            Thread stopper = new Thread(() -> shutdown(cause), threadPrefix() + "failure");
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    @Override
    public void stop() {
        if (stopping.compareAndSet(false, true) && failure.get() == null) {
            clock.shutdownNow();
            long finalEpoch = coordinator.startNextEpoch();
            if (finalEpoch >= 0) {
                try {
                    coordinator.awaitCommitted(finalEpoch, query.interval().toMillis() + 2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            shutdown(null);
        }
        awaitTerminationQuietly();
    }

    /** Stops every thread and closes everything, once, whether the query stopped or failed. */
    private void shutdown(Throwable cause) {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        running = false;
        clock.shutdownNow();
        runners.forEach(AgentRunner::close);
        pipeline.sourceInputs().forEach(SourceInput::close);
        if (pipeline.sinkNode() != null) {
            pipeline.sinkNode().close(cause);
        }
        checkpoint.close();
        if (cause != null) {
            exception = new StreamingQueryException(name() != null ? name() : id.toString(), cause);
        }
        terminated.countDown();
        onTerminated.accept(this);
    }

    private void awaitTerminationQuietly() {
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
    public StreamingQueryProgress lastProgress() {
        return progress.last();
    }

    @Override
    public List<StreamingQueryProgress> recentProgress() {
        return progress.recent();
    }

    @Override
    public QueryStatus status() {
        if (exception != null) {
            return new QueryStatus("Terminated with exception: " + exception.getCause(), false, false);
        }
        if (!isActive()) {
            return new QueryStatus("Stopped", false, false);
        }
        StreamingQueryProgress last = progress.last();
        return new QueryStatus("Running continuous epochs every " + query.interval().toMillis() + " ms",
                last != null && last.numInputRows() > 0, coordinator.epochInFlight());
    }

    @Override
    public String explainString() {
        StringBuilder sb = new StringBuilder("== Physical Plan (continuous) ==\n");
        sb.append("Trigger: epoch every ").append(query.interval().toMillis()).append(" ms; output mode: ")
                .append(query.outputMode().name().toLowerCase()).append('\n');
        sb.append("Threads: ").append(pipeline.tasks().size()).append(" task threads + 1 epoch clock; idle strategy: ")
                .append(idleMode);
        if (idleMode != config.idleMode()) {
            sb.append(" (").append(config.idleMode()).append(" requested, but ").append(pipeline.tasks().size())
                    .append(" task threads > ").append(Runtime.getRuntime().availableProcessors()).append(" cores)");
        }
        sb.append("; ring size: ").append(config.ringSize()).append('\n');
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            sb.append("Task ").append(i).append(" [thread ").append(threadPrefix()).append(task.roleName()).append("]: ")
                    .append(task.chainDescription()).append('\n');
        }
        sb.append("Checkpoint: ").append(checkpoint.location()).append('\n');
        return sb.toString();
    }

    @Override
    public Histogram latencyHistogram() {
        return progress.runLatency();
    }
}
