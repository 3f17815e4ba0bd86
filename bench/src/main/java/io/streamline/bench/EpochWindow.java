package io.streamline.bench;

import io.streamline.engine.progress.StreamingQueryProgress;

import java.util.List;

/**
 * The epochs committed inside a measured window, read from the query's progress reports: how many, the
 * longest time from an epoch's marker request to its commit record, and the stateful operators' state. Observe at least once per
 * {@code recentProgress} retention (100 epochs) so none is missed.
 */
final class EpochWindow {
    private final long lastBefore;
    private long lastCommitted;
    private long maxCommitMillis;
    private StateFigures state = StateFigures.NONE;
    private long inputRows;

    private EpochWindow(long lastBefore) {
        this.lastBefore = lastBefore;
        this.lastCommitted = lastBefore;
    }

    /** A window that starts after the epochs in {@code recent}. */
    static EpochWindow after(List<StreamingQueryProgress> recent) {
        return new EpochWindow(recent.isEmpty() ? -1 : recent.get(recent.size() - 1).commitId());
    }

    /** Takes in newly committed epochs. */
    void observe(List<StreamingQueryProgress> recent) {
        for (StreamingQueryProgress progress : recent) {
            if (progress.commitId() > lastCommitted) {
                lastCommitted = progress.commitId();
                maxCommitMillis = Math.max(maxCommitMillis, progress.durationMs().getOrDefault("commit", 0L));
                inputRows += progress.numInputRows();
                long rows = progress.stateOperators().stream().mapToLong(op -> op.numRowsTotal()).sum();
                long bytes = progress.stateOperators().stream().mapToLong(op -> op.memoryUsedBytes()).sum();
                state = StateFigures.of(rows, Math.max(state.maxRows(), rows), bytes);
            }
        }
    }

    /** Epochs committed in the window. */
    long committed() {
        return lastCommitted - lastBefore;
    }

    /**
     * Rows the sources read in the epochs committed in the window: the input rate even where the sink gets fewer rows
     * (append-mode windows) or more (a sliding window's two updated windows per record).
     */
    long inputRows() {
        return inputRows;
    }

    /** The state as of the last epoch committed in the window. */
    StateFigures state() {
        return state;
    }

    /** The slowest epoch's marker request to commit record, in milliseconds. */
    long maxCommitMillis() {
        return maxCommitMillis;
    }
}
