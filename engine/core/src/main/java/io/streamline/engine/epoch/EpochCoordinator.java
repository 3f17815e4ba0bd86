package io.streamline.engine.epoch;

import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.sink.EpochOutput;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The epoch protocol. Every interval (continuous) or batch (micro-batch) {@link #startNextEpoch()} raises the
 * requested epoch, which source tasks read between records and answer by injecting a marker. Source partitions,
 * states and sink partitions acknowledge the epoch as the marker passes them, each exactly once (see
 * {@link EpochReport}). Complete epochs are committed in order by {@link #commitCompleted()}, on a committer
 * thread of its own: measured on this machine class, doing the commit-record append and the progress accounting on
 * the acknowledging task thread cost every epoch about half a millisecond of record-path stall (p99.9), while the
 * committer runs on an otherwise idle core.
 *
 * <p>Reports from task threads take no lock: each is queued ({@link ConcurrentLinkedQueue}, one CAS) and the
 * committer thread applies them, in the order they were queued, under this object's monitor. JFR on the 600 s
 * JSON-sink run found task threads blocked 1-4.6 ms on that monitor a dozen times a minute, while the committer
 * held it or the clock thread started an epoch. A report that is out of step (a duplicate, a participant the query
 * does not have, an epoch not in flight) therefore fails the query from the committer
 * ({@link #commitCompleted()} throws) rather than on the reporting thread. The queue's FIFO order keeps the
 * listener's promise that an operator's report, queued before its marker travels on, is applied before the sinks'
 * acknowledgements of the same epoch.
 */
public final class EpochCoordinator implements EpochClock, EpochListener {
    /** Epochs in flight beyond this are not started: a stalled sink must not grow memory without bound. */
    public static final int MAX_EPOCHS_IN_FLIGHT = 64;

    /** Start times of the epochs around the ones in flight, by epoch modulo its length. */
    private static final int START_TIMES = 2 * MAX_EPOCHS_IN_FLIGHT + 2;

    /** The longest the idle committer sleeps without a wake-up. */
    private static final long PARK_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EpochCommitter committer;
    /** Continuous mode's epoch log, or {@code null} where boundaries are logged elsewhere (micro-batch). */
    private final EpochLog epochLog;
    private final TreeMap<Long, EpochReport> inFlight = new TreeMap<>();
    /** Reports queued by task threads, applied by the committer under the monitor. */
    private final Queue<Runnable> reports = new ConcurrentLinkedQueue<>();
    /** The thread running {@link #commitCompleted()}, woken by queued reports; {@code null} before it runs. */
    private volatile Thread committerThread;
    private final AtomicLongArray startMillis = new AtomicLongArray(START_TIMES);
    private Set<String> participants;
    private volatile long requestedEpoch;
    private long lastRequestNanos = System.nanoTime();
    private long lastCommitted;
    /** The last epoch whose boundaries are in the epoch log (or, without one, that need not be). */
    private long lastLogged;
    private boolean failed;
    private boolean stopping;

    /**
     * @param lastCommitted the last committed epoch ({@code -1} for a new query); the next is one more, and begins now
     * @param committer     commits complete epochs
     */
    public EpochCoordinator(long lastCommitted, EpochCommitter committer) {
        this(lastCommitted, committer, null);
    }

    /**
     * @param lastCommitted the last committed epoch ({@code -1} for a new query); the next is one more, and begins now
     * @param committer     commits complete epochs
     * @param epochLog      where each epoch's boundaries are written ahead once every source marked it, before its
     *                      commit; {@code null} if they are logged elsewhere
     */
    public EpochCoordinator(long lastCommitted, EpochCommitter committer, EpochLog epochLog) {
        this.lastCommitted = lastCommitted;
        this.lastLogged = lastCommitted;
        this.requestedEpoch = lastCommitted;
        this.committer = committer;
        this.epochLog = epochLog;
        setEpochStart(lastCommitted + 1, System.currentTimeMillis());
    }

    /** The parts of the query that acknowledge every epoch; set once, when the query is planned, before any epoch. */
    public synchronized void expect(Set<String> participants) {
        if (this.participants != null) {
            throw new IllegalStateException("the participants are already set");
        }
        this.participants = Set.copyOf(participants);
    }

    @Override
    public long requestedEpoch() {
        return requestedEpoch;
    }

    @Override
    public long epochStartMillis(long epoch) {
        return startMillis.get((int) Math.floorMod(epoch, (long) START_TIMES));
    }

    /** Micro-batch: batch {@code epoch} runs at the trigger time its offset-log entry holds. */
    public void setEpochStart(long epoch, long millis) {
        startMillis.set((int) Math.floorMod(epoch, (long) START_TIMES), millis);
    }

    /**
     * Recovery: requests the next epoch, one the epoch log already holds, so that the sources close it at its logged
     * boundaries (they are given those themselves) and it is not logged again. Called before the query's threads
     * start, once per logged epoch after the last commit, in order.
     *
     * @param startMillis the epoch's start time as logged
     */
    public synchronized void replayLogged(long epoch, long startMillis) {
        if (epoch != requestedEpoch + 1) {
            throw new IllegalStateException("epoch " + epoch + " is replayed out of order; the last requested is " + requestedEpoch);
        }
        setEpochStart(epoch, startMillis);
        startNextEpoch();
        lastLogged = epoch;
    }

    /**
     * Asks the sources to close the next epoch.
     *
     * @return the epoch requested, or -1 if none was (failed, or too many epochs in flight)
     */
    public synchronized long startNextEpoch() {
        if (failed || inFlight.size() >= MAX_EPOCHS_IN_FLIGHT) {
            return -1;
        }
        if (participants == null) {
            throw new IllegalStateException("no epoch can start before the query is planned");
        }
        long epoch = requestedEpoch + 1;
        long now = System.nanoTime();
        inFlight.put(epoch, new EpochReport(epoch, now, lastRequestNanos, participants));
        lastRequestNanos = now;
        setEpochStart(epoch + 1, System.currentTimeMillis());
        requestedEpoch = epoch; // volatile write after the report and the next epoch's start time exist
        return epoch;
    }

    @Override
    public void sourceMarked(String sourceKey, long epoch, String offset, long rowsInEpoch) {
        queue(() -> apply(epoch, report -> report.sourceMarked(sourceKey, offset, rowsInEpoch)));
    }

    @Override
    public void snapshotWritten(String stateId, long epoch, long ref, long stateRows, long stateBytes, long waitedNanos) {
        queue(() -> apply(epoch, report -> report.snapshotWritten(stateId, ref, stateRows, stateBytes, waitedNanos)));
    }

    @Override
    public void sinkPrepared(String sinkKey, long epoch, EpochOutput output, long sequence) {
        queue(() -> apply(epoch, report -> report.sinkPrepared(sinkKey, output, sequence)));
    }

    @Override
    public void operatorReported(String operatorId, int instance, int instances, long epoch,
                                 OperatorMetrics.Counts counts, long inputRows, long watermark) {
        queue(() -> apply(epoch, report -> report.operatorReported(operatorId, instance, instances, counts, inputRows, watermark)));
    }

    @Override
    public void eventTimeObserved(String nodeId, long epoch, EventTimeStats stats, long watermark) {
        queue(() -> apply(epoch, report -> report.eventTimeObserved(nodeId, stats, watermark)));
    }

    /** Hands a report to the committer: once per participant and epoch, never per record. */
    private void queue(Runnable report) {
        reports.add(report);
        wakeCommitter();
    }

    private void wakeCommitter() {
        Thread thread = committerThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Applies queued reports in order; on the committer thread, holding the monitor. */
    private void applyQueuedReports() {
        for (Runnable report; (report = reports.poll()) != null; ) {
            report.run();
        }
    }

    private void apply(long epoch, java.util.function.Consumer<EpochReport> update) {
        EpochReport report = reportFor(epoch);
        if (report != null) {
            update.accept(report);
        }
    }

    /**
     * The report of {@code epoch}, or {@code null} once the query failed (reports then no longer matter).
     *
     * @throws IllegalStateException for an epoch already committed or never requested: a participant out of step
     */
    private EpochReport reportFor(long epoch) {
        if (failed) {
            return null;
        }
        EpochReport report = inFlight.get(epoch);
        if (report == null) {
            throw new IllegalStateException("Epoch " + epoch + " was reported on, but it is not in flight (last committed "
                    + lastCommitted + ", last requested " + requestedEpoch + ")");
        }
        return report;
    }

    /** The oldest epoch in flight if every part acknowledged it and its boundaries are logged, else {@code null}. */
    private EpochReport nextToCommit() {
        if (failed || inFlight.isEmpty()) {
            return null;
        }
        EpochReport first = inFlight.firstEntry().getValue();
        return first.complete() && first.epoch() == lastCommitted + 1 && (epochLog == null || first.epoch() <= lastLogged) ? first : null;
    }

    /** The next epoch to write to the epoch log, if every source has marked it; {@code null} otherwise or without a log. */
    private EpochReport nextToLog() {
        if (failed || epochLog == null) {
            return null;
        }
        EpochReport next = inFlight.get(lastLogged + 1);
        return next != null && next.sourcesMarked() ? next : null;
    }

    /**
     * The committer's loop: applies the queued reports, writes each epoch's boundaries to the epoch log as soon as
     * every source has marked it, and commits complete epochs in order, the journal writes outside the monitor. An
     * epoch is committed only after its boundaries are logged. Returns after {@link #stopCommitting()} or a failure;
     * throws for a report that is out of step. Not stopped by interrupts: an interrupt in the middle of a journal
     * write could close its file channel.
     */
    public void commitCompleted() {
        committerThread = Thread.currentThread();
        while (true) {
            EpochReport next = null;
            EpochReport toLog;
            Map<String, String> boundaries = null;
            synchronized (this) {
                applyQueuedReports();
                toLog = nextToLog();
                if (toLog != null) {
                    boundaries = Map.copyOf(toLog.offsets()); // complete: no source reports on this epoch again
                } else {
                    next = nextToCommit();
                    if (next == null && (failed || stopping) && reports.isEmpty()) {
                        return;
                    }
                }
            }
            if (toLog != null) {
                epochLog.logAhead(toLog.epoch(), epochStartMillis(toLog.epoch()), boundaries);
                synchronized (this) {
                    if (failed) {
                        return;
                    }
                    lastLogged = toLog.epoch();
                }
            } else if (next != null) {
                committer.commit(next); // only this thread commits, so epochs stay in order
                synchronized (this) {
                    if (failed) {
                        return;
                    }
                    inFlight.remove(next.epoch());
                    lastCommitted = next.epoch();
                    notifyAll();
                }
            } else if (reports.isEmpty()) {
                // Woken by queue(), stopCommitting() or fail(); the bound only covers a wake-up lost before this
                // thread was known.
                LockSupport.parkNanos(this, PARK_BOUND_NANOS);
            }
        }
    }

    /** Ends {@link #commitCompleted()} once nothing is ready to commit. */
    public synchronized void stopCommitting() {
        stopping = true;
        notifyAll();
        wakeCommitter();
    }

    /** The last committed epoch. */
    public synchronized long lastCommitted() {
        return lastCommitted;
    }

    /** Whether an epoch has been requested but not committed yet. */
    public synchronized boolean epochInFlight() {
        return !inFlight.isEmpty();
    }

    /**
     * Waits until {@code epoch} is committed.
     *
     * @return whether it was, within the timeout
     */
    public synchronized boolean awaitCommitted(long epoch, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lastCommitted < epoch && !failed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return lastCommitted >= epoch;
    }

    /** Stops committing: after a failure nothing more may become durable. */
    public synchronized void fail() {
        failed = true;
        inFlight.clear();
        notifyAll();
        wakeCommitter();
    }
}
