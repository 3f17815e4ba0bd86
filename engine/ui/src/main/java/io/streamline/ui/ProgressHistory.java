package io.streamline.ui;

import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.StreamingQueryProgress.SourceProgress;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress reports of one query run as the listener bus delivers them, the latest {@link #CAPACITY} kept
 * for the page's charts and {@code ?since=}, and running totals over all of them for the Prometheus counters.
 * Written by the listener thread, read by HTTP threads.
 */
final class ProgressHistory {
    /** Three minutes of 100 ms epochs, half an hour of 1 s ones: about 2 MB of reports. */
    static final int CAPACITY = 1_800;

    private final ArrayDeque<StreamingQueryProgress> reports = new ArrayDeque<>();
    private final Map<String, Long> sourceRows = new LinkedHashMap<>();
    private final Map<String, Long> droppedByWatermark = new LinkedHashMap<>();
    private long inputRows;
    private long sinkRows;
    private long commits;
    private long commitMillis;

    /** Running totals of a run's reports. */
    record Totals(long inputRows, long sinkRows, long commits, long commitMillis, Map<String, Long> sourceRows,
                  Map<String, Long> droppedByWatermark) {
    }

    synchronized void add(StreamingQueryProgress progress) {
        if (reports.size() == CAPACITY) {
            reports.removeFirst();
        }
        reports.addLast(progress);
        inputRows += progress.numInputRows();
        sinkRows += progress.latency().count();
        commits++;
        commitMillis += commitDurationMs(progress);
        for (SourceProgress source : progress.sources()) {
            sourceRows.merge(source.description(), source.numInputRows(), Long::sum);
        }
        for (StateOperatorProgress state : progress.stateOperators()) {
            droppedByWatermark.merge(state.operatorName(), state.numRowsDroppedByWatermark(), Long::sum);
        }
    }

    /** The kept reports of epochs or batches after {@code commitId}, oldest first. */
    synchronized List<StreamingQueryProgress> since(long commitId) {
        List<StreamingQueryProgress> after = new ArrayList<>();
        for (StreamingQueryProgress report : reports) {
            if (report.commitId() > commitId) {
                after.add(report);
            }
        }
        return after;
    }

    /** The latest report, or {@code null} before the first. */
    synchronized StreamingQueryProgress last() {
        return reports.peekLast();
    }

    synchronized Totals totals() {
        return new Totals(inputRows, sinkRows, commits, commitMillis, Map.copyOf(sourceRows), Map.copyOf(droppedByWatermark));
    }

    /**
     * How long committing took: in continuous mode from the epoch marker's request to the commit record
     * ({@code commit}), in micro-batch mode the whole batch up to its commit ({@code triggerExecution}).
     */
    static long commitDurationMs(StreamingQueryProgress progress) {
        Long continuous = progress.durationMs().get("commit");
        return continuous != null ? continuous : progress.durationMs().getOrDefault("triggerExecution", 0L);
    }
}
