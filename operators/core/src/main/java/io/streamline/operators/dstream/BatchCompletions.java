package io.streamline.operators.dstream;

import io.streamline.engine.StreamingQueryListener;
import io.streamline.engine.progress.StreamingQueryProgress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Turns the engine's progress reports of one DStream query into completed batch times: the latest for
 * {@link StreamingContext#awaitBatchCompleted} to wait on, and {@link StreamingListener#onBatchCompleted} calls.
 */
final class BatchCompletions implements StreamingQueryListener {
    private final OutputDispatcher dispatcher;
    private final List<StreamingListener> listeners = new CopyOnWriteArrayList<>();
    private final String queryName;
    private volatile UUID queryId;
    private long lastCompleted = Long.MIN_VALUE;
    private boolean terminated;

    /** @param queryName the DStream query's name, unique to its context: reports can arrive before start() returns */
    BatchCompletions(OutputDispatcher dispatcher, String queryName) {
        this.dispatcher = dispatcher;
        this.queryName = queryName;
    }

    void addListener(StreamingListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryName.equals(progress.name()) || progress.batchId() == null) {
            return;
        }
        queryId = progress.id();
        Optional<GraphOperator.BatchEnd> batch = dispatcher.takeBatch(progress.batchId());
        if (batch.isEmpty()) {
            return;
        }
        synchronized (this) {
            lastCompleted = Math.max(lastCompleted, batch.get().timeMillis());
            notifyAll();
        }
        BatchInfo info = new BatchInfo(new Time(batch.get().timeMillis()), batch.get().records(),
                progress.durationMs().getOrDefault("triggerExecution", 0L));
        listeners.forEach(l -> l.onBatchCompleted(info));
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        if (queryName.equals(event.name())) {
            queryId = event.id();
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.id().equals(queryId)) {
            synchronized (this) {
                terminated = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits until the batch at {@code timeMillis} (or a later one) completed.
     *
     * @param failure what the query failed with, if it did, for the error when it stopped first
     */
    synchronized void await(long timeMillis, Duration timeout, Supplier<Optional<? extends Exception>> failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastCompleted < timeMillis) {
            if (terminated) {
                Optional<? extends Exception> cause = failure.get();
                throw new IllegalStateException("the StreamingContext stopped before the batch at " + timeMillis + " ms completed"
                        + cause.map(e -> ": " + e.getMessage()).orElse(""), cause.orElse(null));
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new IllegalStateException("the batch at " + timeMillis + " ms did not complete within " + timeout
                        + " (last completed: " + (lastCompleted == Long.MIN_VALUE ? "none" : lastCompleted + " ms") + ")");
            }
            wait(left);
        }
    }
}
