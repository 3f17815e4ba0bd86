package io.streamline.engine.exec;

import io.streamline.engine.QueryStatus;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.runtime.Task;
import io.streamline.engine.runtime.ThreadPinning;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query in continuous mode (ENGINE.md §3): each task on its own thread, an epoch clock raising the
 * requested epoch every interval, and the commit of each fully acknowledged epoch.
 */
public final class ContinuousExecution extends QueryExecution {
    private final IdleMode idleMode;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final ScheduledExecutorService clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ThreadPinning pinning = new ThreadPinning();

    ContinuousExecution(ResolvedQuery query, EngineConfig config, Checkpoint checkpoint,
                                QueryEvents events) {
        super(query, config, checkpoint, events, true, false);
        this.idleMode = config.idleMode().forThreads(pipeline.tasks().size(), Runtime.getRuntime().availableProcessors());
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadPrefix() + "epoch-clock");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected void startDrivers() {
        // Everything a failure's shutdown stops exists before the first task runs: a task can fail at once.
        for (Task task : pipeline.tasks()) {
            runners.add(new AgentRunner(idleMode.newStrategy(), this::onAgentError, null, task));
        }
        long intervalMs = query.interval().toMillis();
        clock.scheduleAtFixedRate(coordinator::startNextEpoch, intervalMs, Math.max(1, intervalMs), TimeUnit.MILLISECONDS);
        for (int i = 0; i < runners.size(); i++) {
            String role = pipeline.tasks().get(i).roleName();
            ThreadFactory named = r -> new Thread(r, threadPrefix() + role);
            AgentRunner.startOnThread(runners.get(i), config.pinThreads() ? pinning.pinning(named) : named);
        }
    }

    private void onAgentError(Throwable t) {
        if (!(t instanceof AgentTerminationException)) {
            fail(t);
        }
    }

    @Override
    protected Map<String, Long> durations(EpochReport report, long walStartNanos, long walEndNanos) {
        Map<String, Long> durations = new LinkedHashMap<>();
        durations.put("epoch", (report.requestedNanos() - report.previousRequestedNanos()) / 1_000_000);
        durations.put("commit", (walEndNanos - report.requestedNanos()) / 1_000_000);
        durations.put("walCommit", (walEndNanos - walStartNanos) / 1_000_000);
        return durations;
    }

    /** Closes an epoch right after the data the sources caught up with, then waits for its commit. */
    @Override
    protected void afterCaughtUp() throws InterruptedException {
        long epoch;
        while ((epoch = coordinator.startNextEpoch()) < 0) { // failed, or as many epochs in flight as allowed
            if (!isActive() || failed()) {
                return;
            }
            coordinator.awaitCommitted(coordinator.lastCommitted() + 1, 100);
        }
        while (!coordinator.awaitCommitted(epoch, 100)) {
            if (!isActive()) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        if (stopping.compareAndSet(false, true) && !failed()) {
            stopClock();
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

    @Override
    protected void stopThreads() {
        stopClock();
        runners.forEach(AgentRunner::close);
    }

    private void stopClock() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected QueryStatus runningStatus() {
        StreamingQueryProgress last = progress.last();
        return new QueryStatus("Running continuous epochs every " + query.interval().toMillis() + " ms",
                last != null && last.numInputRows() > 0, coordinator.epochInFlight());
    }

    @Override
    public String explainString() {
        StringBuilder sb = new StringBuilder("== Physical Plan (continuous) ==\n");
        sb.append("Engine profile: ").append(config.profile()).append("; poll batch: ").append(config.pollBatch())
                .append("; thread pinning: ").append(config.pinThreads() ? pinning.outcome() : "off").append('\n');
        sb.append("Trigger: epoch every ").append(query.interval().toMillis()).append(" ms; output mode: ")
                .append(query.outputMode().name().toLowerCase()).append('\n');
        sb.append("Threads: ").append(pipeline.tasks().size()).append(" task threads + 1 epoch clock; idle strategy: ")
                .append(idleMode);
        if (idleMode != config.idleMode()) {
            sb.append(" (").append(config.idleMode()).append(" requested, but ").append(pipeline.tasks().size())
                    .append(" task threads > ").append(Runtime.getRuntime().availableProcessors()).append(" cores)");
        }
        sb.append("; ring size: ").append(config.ringSize()).append('\n');
        if (query.plan().hasKeyedOperator()) {
            sb.append(pipeline.keyedOperators()).append('\n');
        }
        for (int i = 0; i < pipeline.tasks().size(); i++) {
            Task task = pipeline.tasks().get(i);
            sb.append("Task ").append(i).append(" [thread ").append(threadPrefix()).append(task.roleName()).append("]: ")
                    .append(task.chainDescription()).append('\n');
        }
        return sb.append(describeCheckpoint()).toString();
    }
}
