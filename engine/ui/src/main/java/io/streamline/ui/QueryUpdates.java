package io.streamline.ui;

import io.streamline.engine.progress.StreamingQueryProgress;

import java.util.List;
import java.util.function.Supplier;

/**
 * The updates one open query page receives: each carries only the reports the page has not had yet, and the
 * latency distribution only when a newer epoch has been committed. One per connection.
 */
final class QueryUpdates implements Supplier<String> {
    private final QueryRun run;
    private long sentCommitId;
    private long sentDistribution = -1;

    /** @param since the last epoch or batch id the page already has (-1: none) */
    QueryUpdates(QueryRun run, long since) {
        this.run = run;
        this.sentCommitId = since;
    }

    @Override
    public String get() {
        List<StreamingQueryProgress> reports = run.history().since(sentCommitId);
        if (!reports.isEmpty()) {
            sentCommitId = reports.get(reports.size() - 1).commitId();
        }
        EpochLatency.Distribution distribution = run.epochLatency().latest();
        boolean newer = distribution.commitId() != sentDistribution;
        sentDistribution = distribution.commitId();
        return ApiJson.update(run, reports, newer ? distribution : null);
    }
}
