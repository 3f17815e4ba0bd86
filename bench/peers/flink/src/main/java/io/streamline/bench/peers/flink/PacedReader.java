package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.OpenLoopSchedule;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The open-loop generator inside Flink's source task. Each {@link #pollNext} emits every record that is due
 * and reports {@link InputStatus#MORE_AVAILABLE}, so the task's mailbox loop keeps calling it: the loop is the
 * pacing spin on {@link System#nanoTime()}, with checkpoint barriers and other mail handled between polls.
 * The schedule starts when the split arrives; a restored reader starts a fresh schedule at its position.
 */
final class PacedReader implements SourceReader<Stamped, SequenceSplit> {
    private final long ratePerSecond;
    private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
    private OpenLoopSchedule schedule;
    /** Sequence number the schedule started at: record {@code next} is the schedule's record {@code next - first}. */
    private long first;
    private long next;

    PacedReader(long ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public void start() {
        // The split comes from the enumerator.
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Stamped> output) {
        if (schedule == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        long now = System.nanoTime();
        long due;
        while ((due = schedule.dueNanos(next - first)) <= now) {
            output.collect(new Stamped(due, next));
            next++;
        }
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<SequenceSplit> snapshotState(long checkpointId) {
        return schedule == null ? List.of() : List.of(new SequenceSplit(next));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return splitArrived;
    }

    @Override
    public void addSplits(List<SequenceSplit> splits) {
        if (schedule != null || splits.size() != 1) {
            throw new IllegalStateException("the generator has exactly one split, got " + splits
                    + (schedule != null ? " while running" : ""));
        }
        first = splits.get(0).next();
        next = first;
        schedule = new OpenLoopSchedule(System.nanoTime(), ratePerSecond);
        splitArrived.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        // The one split never ends.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
