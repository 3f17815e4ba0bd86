package io.streamline.engine.epoch;

import java.util.TreeMap;

/**
 * The continuous-mode epoch protocol (ENGINE.md §3). Every interval {@link #startNextEpoch()} raises the
 * requested epoch, which source tasks read between records and answer by injecting a marker. Sources,
 * stateful operators and sinks acknowledge the epoch as the marker passes them: an acknowledgement only
 * updates the epoch's report under a short lock. Complete epochs are committed in order by
 * {@link #commitCompleted()}, on a committer thread of its own: measured on this machine class, doing the
 * commit-record append and the progress accounting on the acknowledging task thread cost every epoch about
 * half a millisecond of record-path stall (p99.9), while the committer runs on an otherwise idle core.
 */
public final class EpochCoordinator implements EpochClock, EpochListener {
    /** Epochs in flight beyond this are not started: a stalled sink must not grow memory without bound. */
    static final int MAX_EPOCHS_IN_FLIGHT = 64;

    private final int expectedAcks;
    private final EpochCommitter committer;
    private final TreeMap<Long, EpochReport> inFlight = new TreeMap<>();
    private volatile long requestedEpoch;
    private long lastRequestNanos = System.nanoTime();
    private long lastCommitted;
    private boolean failed;
    private boolean stopping;

    /**
     * @param lastCommitted the last committed epoch ({@code -1} for a new query); the next is one more
     * @param expectedAcks  source partitions + stateful operators + sinks
     * @param committer     commits complete epochs
     */
    public EpochCoordinator(long lastCommitted, int expectedAcks, EpochCommitter committer) {
        this.lastCommitted = lastCommitted;
        this.requestedEpoch = lastCommitted;
        this.expectedAcks = expectedAcks;
        this.committer = committer;
    }

    @Override
    public long requestedEpoch() {
        return requestedEpoch;
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
        long epoch = requestedEpoch + 1;
        long now = System.nanoTime();
        inFlight.put(epoch, new EpochReport(epoch, now, lastRequestNanos, expectedAcks));
        lastRequestNanos = now;
        requestedEpoch = epoch; // volatile write after the report exists, so no ack can miss it
        return epoch;
    }

    @Override
    public synchronized void sourceMarked(String sourceKey, long epoch, String offset, long rowsInEpoch) {
        EpochReport report = inFlight.get(epoch);
        if (report != null) {
            report.sourceMarked(sourceKey, offset, rowsInEpoch);
            wakeCommitterIfReady();
        }
    }

    @Override
    public synchronized void snapshotWritten(String operatorId, long epoch, long ref, long stateRows, long stateBytes) {
        EpochReport report = inFlight.get(epoch);
        if (report != null) {
            report.snapshotWritten(operatorId, ref, stateRows, stateBytes);
            wakeCommitterIfReady();
        }
    }

    @Override
    public synchronized void sinkCommitted(String sinkKey, long epoch) {
        EpochReport report = inFlight.get(epoch);
        if (report != null) {
            report.sinkCommitted();
            wakeCommitterIfReady();
        }
    }

    private void wakeCommitterIfReady() {
        if (nextToCommit() != null) {
            notifyAll();
        }
    }

    /** The oldest epoch in flight if every part acknowledged it, else {@code null}. */
    private EpochReport nextToCommit() {
        if (failed || inFlight.isEmpty()) {
            return null;
        }
        EpochReport first = inFlight.firstEntry().getValue();
        return first.complete() && first.epoch() == lastCommitted + 1 ? first : null;
    }

    /**
     * The committer's loop: waits for complete epochs and commits them in order, outside the lock, so
     * acknowledgements never wait for the journal. Returns after {@link #stopCommitting()} or a failure.
     * Not stopped by interrupts: an interrupt in the middle of a journal write could close its file channel.
     */
    public void commitCompleted() {
        while (true) {
            EpochReport next;
            synchronized (this) {
                while ((next = nextToCommit()) == null) {
                    if (failed || stopping) {
                        return;
                    }
                    try {
                        wait();
                    } catch (InterruptedException ignored) {
                        // only stopCommitting() ends the loop
                    }
                }
            }
            committer.commit(next); // only this thread commits, so epochs stay in order
            synchronized (this) {
                if (failed) {
                    return;
                }
                inFlight.remove(next.epoch());
                lastCommitted = next.epoch();
                notifyAll();
            }
        }
    }

    /** Ends {@link #commitCompleted()} once nothing is ready to commit. */
    public synchronized void stopCommitting() {
        stopping = true;
        notifyAll();
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
    }
}
