package io.streamline.engine.exec;

import io.streamline.engine.QueryStatus;
import io.streamline.engine.Trigger;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.ChainEmitter;
import io.streamline.engine.source.SourceOutput;
import org.HdrHistogram.Histogram;
import io.streamline.journal.CommitRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query in micro-batch mode (ENGINE.md §4), from the same pipeline definition: one driver thread plans
 * batch {@code b} (end offsets per source partition, within {@code maxRecordsPerTrigger}), writes them to
 * the offset log <em>before</em> running it, feeds every partition's records up to those offsets through the
 * fused chains, then passes marker {@code b}: state is snapshotted, sinks commit {@code b} idempotently, and
 * the commit record makes {@code b} durable. After a crash, a planned batch without a commit is re-run with
 * exactly its logged offsets and trigger time from the restored state, so every input affects the output exactly
 * once. As in Spark, when a batch moved a stateful operator's watermark, a batch without new data follows at once,
 * so windows and state the new watermark completes are emitted without waiting for more input.
 */
public final class MicroBatchExecution extends QueryExecution {
    private static final int POLL_BATCH = 4096;
    /** With a zero interval and no new data, wait this long before looking again instead of spinning. */
    private static final long IDLE_WAIT_MS = 1;
    /** A batch-grid driver waiting for the next batch time looks at least this often whether it should stop. */
    private static final long STOP_CHECK_MS = 50;

    private final Thread driver;
    private final List<SourceOutput<Object>> emitters = new ArrayList<>();
    /** Each record's wait from ingestion to its batch's start; the batch's own duration is added at its end. */
    private final Histogram batchWaits = LatencyRecorder.newHistogram();
    private final Object wake = new Object();
    private final Map<String, Long> batchDurations = new LinkedHashMap<>();
    private volatile boolean stopRequested;
    private volatile boolean batchRunning;
    /** Set by the committer when a batch moved a stateful operator's watermark; read by the driver after the commit. */
    private volatile boolean watermarkMoved;
    /** The committer's: each stateful operator's watermark as of the last commit. */
    private final Map<String, Long> operatorWatermarks = new HashMap<>();
    private long batchStart;
    /** A batch-grid trigger's clock time when the query started: a new query's first batch is the next grid time. */
    private long gridStartMillis;

    MicroBatchExecution(ResolvedQuery query, EngineConfig config, Checkpoint checkpoint, QueryEvents events) {
        super(query, config, checkpoint, events, false, true);
        pipeline.partitions().forEach(p -> emitters.add(new WaitRecordingOutput(p.emitter())));
        this.driver = new Thread(this::drive, threadPrefix() + "batch-driver");
        lastCommit.ifPresent(c -> operatorWatermarks.putAll(c.watermarks()));
        // After a restart the last batch's watermark, or timers due meanwhile, may not have been acted on yet: let a
        // batch without data do it.
        this.watermarkMoved = (query.plan().hasWatermark() || !pipeline.timedOperators().isEmpty()) && lastCommit.isPresent();
    }

    /** Records how long each record waited before the batch started ({@link #batchStart}), then forwards it. */
    private final class WaitRecordingOutput implements SourceOutput<Object> {
        private final ChainEmitter chain;

        WaitRecordingOutput(ChainEmitter chain) {
            this.chain = chain;
        }

        @Override
        public void emit(Object value, long offset, long ingestNanos, long eventTime) {
            batchWaits.recordValue(Math.min(Math.max(batchStart - ingestNanos, 0), LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
            chain.emit(value, offset, ingestNanos, eventTime);
        }

        @Override
        public void emitWatermark(long watermark) {
            chain.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            chain.markIdle();
        }
    }

    @Override
    protected void startDrivers() {
        if (query.trigger() instanceof Trigger.BatchGrid grid) {
            gridStartMillis = grid.clock().millis(); // before start() returns, so a clock moved after it counts
        }
        driver.start();
    }

    private void drive() {
        try {
            if (query.trigger() instanceof Trigger.BatchGrid grid) {
                driveGrid(grid);
                return;
            }
            long nextBatch = coordinator.lastCommitted() + 1;
            Optional<CommitRecord> planned = checkpoint.lastPlannedBatch();
            if (planned.isPresent() && planned.get().epoch() == nextBatch) {
                // Re-run the interrupted batch with its logged offsets and trigger time.
                runBatch(nextBatch, planned.get().sourceOffsets(), planned.get().timestampMillis(), System.nanoTime(), 0, 0);
                nextBatch++;
            }
            Map<String, String> target = query.trigger() instanceof Trigger.AvailableNow ? latestOffsets() : null;
            boolean once = query.trigger() instanceof Trigger.Once;
            long intervalNanos = query.trigger() instanceof Trigger.ProcessingTime pt ? pt.interval().toNanos() : 0;
            long seenRequest = 0;
            Map<String, String> catchUpTarget = null;
            while (!stopRequested) {
                long triggerStart = System.nanoTime();
                if (catchUp.requested() != seenRequest) {
                    seenRequest = catchUp.requested();
                    catchUpTarget = latestOffsets(); // processAllAvailable(): everything there is now, in batches as usual
                }
                Map<String, String> ends = target == null ? availableOffsets() : cappedAt(availableOffsets(), target);
                long latestOffsetNanos = System.nanoTime() - triggerStart;
                boolean hasData = pipeline.partitions().stream().anyMatch(p -> !ends.get(p.key()).equals(p.reader().offset()));
                long triggerMillis = System.currentTimeMillis();
                // A processing-time timer due by now (a GroupState timeout) runs a batch without data, as Spark runs one
                // at every trigger of a query with processing-time timeouts.
                if (hasData || watermarkMoved || pipeline.nextProcessingTimer() <= triggerMillis) {
                    watermarkMoved = false;
                    long walStart = System.nanoTime();
                    checkpoint.writeAhead(new CommitRecord(id().toString(), nextBatch, triggerMillis, ends, Map.of()));
                    runBatch(nextBatch, ends, triggerMillis, triggerStart, latestOffsetNanos, System.nanoTime() - walStart);
                    nextBatch++;
                }
                if (watermarkMoved && !once) {
                    continue; // the batch without data that evicts what the new watermark completes runs at once
                }
                if (catchUpTarget != null && reached(catchUpTarget)) { // every batch so far, a no-data one too, committed
                    catchUpTarget = null;
                    catchUp.caughtUp(0, seenRequest);
                }
                if (once || target != null && reached(target)) {
                    break;
                }
                waitForNextTrigger(triggerStart, intervalNanos, hasData);
            }
            if (!stopRequested) {
                new Thread(() -> shutdown(null), threadPrefix() + "finished").start(); // once / availableNow are done
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /**
     * The batch-grid trigger: a batch at every time of the grid, with or without data, each planned (its end offsets
     * and its grid time in the offset log) only once the clock reached its time. Runs until stopped.
     */
    private void driveGrid(Trigger.BatchGrid grid) throws InterruptedException {
        long nextBatch = coordinator.lastCommitted() + 1;
        Optional<CommitRecord> planned = checkpoint.lastPlannedBatch();
        if (planned.isPresent() && planned.get().epoch() == nextBatch) {
            // Re-run the interrupted batch with its logged offsets and grid time.
            runBatch(nextBatch, planned.get().sourceOffsets(), planned.get().timestampMillis(), System.nanoTime(), 0, 0);
            nextBatch++;
        }
        BatchGridSchedule schedule = new BatchGridSchedule(grid, gridStartMillis, planned.map(CommitRecord::timestampMillis));
        long seenRequest = 0;
        Map<String, String> catchUpTarget = null;
        while (!stopRequested) {
            boolean due = schedule.awaitDue(STOP_CHECK_MS);
            long triggerStart = System.nanoTime();
            if (catchUp.requested() != seenRequest) {
                // processAllAvailable(): caught up once the grid's batches read what is there now. Looked at between
                // batches too, so a call made after the batch that read its data already ran is answered without
                // waiting for a next grid time that may never come (a manual clock).
                seenRequest = catchUp.requested();
                catchUpTarget = latestOffsets();
            }
            if (due) {
                Map<String, String> ends = availableOffsets();
                long walStart = System.nanoTime();
                checkpoint.writeAhead(new CommitRecord(id().toString(), nextBatch, schedule.next(), ends, Map.of()));
                runBatch(nextBatch, ends, schedule.next(), triggerStart, walStart - triggerStart, System.nanoTime() - walStart);
                nextBatch++;
                schedule.advance();
            }
            if (catchUpTarget != null && reached(catchUpTarget)) {
                catchUpTarget = null;
                catchUp.caughtUp(0, seenRequest);
            }
        }
    }

    /** Each partition's end offset for the next batch, within its share of {@code maxRecordsPerTrigger}. */
    private Map<String, String> availableOffsets() {
        Map<String, String> ends = new HashMap<>();
        pipeline.partitions().forEach(p -> ends.put(p.key(), p.reader().availableOffset(p.batchLimit())));
        return ends;
    }

    /** Each partition's offset past everything available now, whatever the rate limits. */
    private Map<String, String> latestOffsets() {
        Map<String, String> ends = new HashMap<>();
        pipeline.partitions().forEach(p -> ends.put(p.key(), p.reader().latestOffset()));
        return ends;
    }

    private Map<String, String> cappedAt(Map<String, String> ends, Map<String, String> target) {
        Map<String, String> capped = new HashMap<>();
        pipeline.partitions().forEach(p -> {
            String end = ends.get(p.key());
            String limit = target.get(p.key());
            capped.put(p.key(), p.reader().compareOffsets(end, limit) > 0 ? limit : end);
        });
        return capped;
    }

    private boolean reached(Map<String, String> target) {
        return pipeline.partitions().stream().allMatch(p -> p.reader().compareOffsets(p.reader().offset(), target.get(p.key())) >= 0);
    }

    private void runBatch(long batch, Map<String, String> ends, long triggerMillis, long triggerStart, long latestOffsetNanos,
                          long walNanos) {
        batchRunning = true;
        batchStart = triggerStart;
        batchWaits.reset();
        coordinator.setEpochStart(batch, triggerMillis);
        long requested = coordinator.startNextEpoch();
        if (requested != batch) {
            throw new IllegalStateException("batch " + batch + " planned but the coordinator is at " + requested);
        }
        long addBatchStart = System.nanoTime();
        batchDurations.clear();
        batchDurations.put("latestOffset", latestOffsetNanos / 1_000_000);
        batchDurations.put("walCommit", walNanos / 1_000_000);
        batchDurations.put("queryPlanning", 0L); // planned once at start(); batches reuse the fused chains
        for (int i = 0; i < pipeline.partitions().size(); i++) {
            SourcePartition partition = pipeline.partitions().get(i);
            String end = ends.get(partition.key());
            if (end == null) {
                // A batch planned before the source gained this partition: it takes nothing from it.
                end = partition.reader().offset();
            }
            if (partition.reader().compareOffsets(end, partition.reader().offset()) < 0) {
                throw new IllegalStateException("batch " + batch + " planned end offset " + end + " for " + partition.key()
                        + ", before its current offset " + partition.reader().offset());
            }
            long rows = 0;
            while (partition.reader().compareOffsets(partition.reader().offset(), end) < 0) {
                int n = partition.reader().pollUntil(emitters.get(i), POLL_BATCH, end);
                if (n == 0) {
                    throw new IllegalStateException("source partition " + partition.key() + " cannot deliver the records up to offset "
                            + end + " that batch " + batch + " planned (now at " + partition.reader().offset() + ")");
                }
                rows += n;
            }
            coordinator.sourceMarked(partition.key(), batch, end, rows);
            if (i < pipeline.partitions().size() - 1) {
                partition.emitter().emitMarker(batch);
            }
        }
        long processed = System.nanoTime();
        batchDurations.put("addBatch", (processed - addBatchStart) / 1_000_000);
        // Latency runs from ingestion to the end of the batch: the wait before it plus the batch itself.
        pipeline.latencies().get(0).recordShifted(batchWaits, processed - batchStart);
        // The last marker completes the batch: the sinks commit it and the state snapshot is handed over.
        pipeline.partitions().get(pipeline.partitions().size() - 1).emitter().emitMarker(batch);
        awaitCommitted(batch);
        batchRunning = false;
    }

    /**
     * Waits for the batch's commit record (the snapshot writer may deliver the last acknowledgement): batch
     * {@code b + 1} is planned only after {@code b} committed, so the offset log is never more than one batch
     * ahead of the commit log and recovery re-runs at most that one batch with its logged offsets.
     */
    private void awaitCommitted(long batch) {
        try {
            while (!coordinator.awaitCommitted(batch, 1_000)) {
                if (failed()) {
                    throw new IllegalStateException("batch " + batch + " cannot commit: the query failed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for batch " + batch + " to commit", e);
        }
    }

    /** The driver reports a request caught up only after the batches up to its offsets committed. */
    @Override
    protected void afterCaughtUp() {
    }

    /** A batch that moved a stateful operator's watermark is followed by one without data (Spark's no-data batch). */
    @Override
    protected void afterCommit(EpochReport report) {
        Map<String, Long> now = report.watermarks();
        boolean moved = false;
        for (String operator : report.operatorCounts().keySet()) {
            Long w = now.get(operator);
            Long before = operatorWatermarks.get(operator);
            if (w != null && Watermarks.isTime(w) && (before == null || w > before)) {
                moved = true;
            }
            if (w != null) {
                operatorWatermarks.put(operator, w);
            }
        }
        watermarkMoved = moved;
    }

    @Override
    protected Map<String, Long> durations(EpochReport report, long walStartNanos, long walEndNanos) {
        Map<String, Long> durations = new LinkedHashMap<>(batchDurations);
        durations.put("commitOffsets", (walEndNanos - walStartNanos) / 1_000_000);
        durations.put("triggerExecution", (walEndNanos - batchStart) / 1_000_000);
        return durations;
    }

    private void waitForNextTrigger(long triggerStart, long intervalNanos, boolean hadData) throws InterruptedException {
        long waitNanos = intervalNanos > 0 ? triggerStart + intervalNanos - System.nanoTime() : hadData ? 0 : IDLE_WAIT_MS * 1_000_000;
        if (waitNanos > 0) {
            synchronized (wake) {
                if (!stopRequested) {
                    wake.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
            }
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        shutdown(null);
        awaitTerminationQuietly();
    }

    @Override
    protected void stopThreads() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (Thread.currentThread() != driver && driver.isAlive()) {
            try {
                driver.join(); // the batch in flight finishes and commits: stop leaves a committed state
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected QueryStatus runningStatus() {
        return new QueryStatus(batchRunning ? "Processing new data" : "Waiting for next trigger",
                progress.last() != null && progress.last().numInputRows() > 0, batchRunning);
    }

    @Override
    public String explainString() {
        StringBuilder sb = new StringBuilder("== Physical Plan (micro-batch) ==\n");
        sb.append("Engine profile: ").append(config.profile()).append('\n');
        sb.append("Trigger: ").append(query.trigger()).append("; output mode: ")
                .append(query.outputMode().name().toLowerCase()).append('\n');
        sb.append("Threads: 1 batch driver feeding every source partition in turn\n");
        if (query.plan().hasKeyedOperator()) {
            sb.append(pipeline.keyedOperators()).append('\n');
        }
        for (int i = 0; i < pipeline.partitions().size(); i++) {
            sb.append("Chain ").append(i).append(": ").append(pipeline.partitions().get(i).chain()).append('\n');
        }
        return sb.append(describeCheckpoint()).toString();
    }
}
