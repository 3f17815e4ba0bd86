package io.streamline.bench;

import io.streamline.engine.progress.StreamingQueryProgress;

import java.util.List;

/**
 * The epochs committed inside a measured window, read from the query's progress reports: how many, and
 * the longest time from an epoch's marker request to its commit record. Observe at least once per
 * {@code recentProgress} retention (100 epochs) so none is missed.
 */
final class EpochWindow {
    private final long lastBefore;
    private long lastCommitted;
    private long maxCommitMillis;

    private EpochWindow(long lastBefore) {
        this.lastBefore = lastBefore;
        this.lastCommitted = lastBefore;
    }

    /** A window that starts after the epochs in {@code recent}. */
    static EpochWindow after(List<StreamingQueryProgress> recent) {
        return new EpochWindow(recent.isEmpty() ? -1 : recent.get(recent.size() - 1).epochId());
    }

    /** Takes in newly committed epochs. */
    void observe(List<StreamingQueryProgress> recent) {
        for (StreamingQueryProgress progress : recent) {
            if (progress.epochId() > lastCommitted) {
                lastCommitted = progress.epochId();
                maxCommitMillis = Math.max(maxCommitMillis, progress.durationMs().getOrDefault("commit", 0L));
            }
        }
    }

    /** Epochs committed in the window. */
    long committed() {
        return lastCommitted - lastBefore;
    }

    /** The slowest epoch's marker request to commit record, in milliseconds. */
    long maxCommitMillis() {
        return maxCommitMillis;
    }
}
