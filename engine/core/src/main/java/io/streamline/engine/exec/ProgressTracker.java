package io.streamline.engine.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.StreamingQueryProgress.SinkProgress;
import io.streamline.engine.progress.StreamingQueryProgress.SourceProgress;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.StreamSource;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns committed epochs into {@link StreamingQueryProgress} reports and keeps the recent ones and the
 * whole run's latency histogram. Called by the committing thread, read by any thread.
 */
final class ProgressTracker {
    /** Reports kept for {@code recentProgress()}, as Spark's default retention. */
    static final int RECENT = 100;

    private final UUID id;
    private final UUID runId;
    private final String name;
    private final List<SourceShape> sources = new ArrayList<>();
    private final String sinkDescription;
    private final LatencyRecorder latency;
    private final Histogram epochLatency = LatencyRecorder.newHistogram();
    private final Histogram runLatency = LatencyRecorder.newHistogram();
    /** Drained by {@link #runLatency()} between commits; belongs to the next epoch's report. */
    private final Histogram drainedEarly = LatencyRecorder.newHistogram();
    private final ArrayDeque<StreamingQueryProgress> recent = new ArrayDeque<>();

    private final boolean batches;
    private Map<String, String> previousOffsets;

    /**
     * Created at the first commit rather than with the first query: Jackson's first use costs ~0.1 s, which would
     * otherwise sit between {@code start()} and the first record (bench/README.md, "Start-up").
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A source and the keys of its partitions in epoch reports. */
    private record SourceShape(StreamSource<?> source, List<String> partitionKeys) {
    }

    ProgressTracker(UUID id, UUID runId, String name, ResolvedQuery query, LatencyRecorder latency,
                    Map<String, String> committedOffsets, boolean batches) {
        this.batches = batches;
        this.id = id;
        this.runId = runId;
        this.name = name;
        this.sinkDescription = query.sink().description();
        this.latency = latency;
        this.previousOffsets = committedOffsets;
        LogicalPlan plan = query.plan();
        for (SourceNode node : plan.sources()) {
            StreamSource<?> source = query.sources().get(node);
            List<String> keys = new ArrayList<>();
            for (int p = 0; p < source.partitions(); p++) {
                keys.add(PipelineBuilder.sourceKey(plan, node, source, p));
            }
            sources.add(new SourceShape(source, keys));
        }
    }

    /** Builds, keeps and returns the report of a just-committed epoch. */
    synchronized StreamingQueryProgress committed(EpochReport report, long commitNanos, Map<String, Long> durations) {
        epochLatency.reset();
        latency.drainInto(epochLatency);
        runLatency.add(epochLatency);
        epochLatency.add(drainedEarly);
        drainedEarly.reset();

        double inputSeconds = Math.max(1, report.requestedNanos() - report.previousRequestedNanos()) / 1e9;
        double processSeconds = Math.max(1, commitNanos - report.previousRequestedNanos()) / 1e9;
        long rows = report.inputRows();

        List<SourceProgress> sourceProgress = new ArrayList<>();
        for (SourceShape source : sources) {
            long sourceRows = source.partitionKeys().stream().mapToLong(k -> report.rowsBySource().getOrDefault(k, 0L)).sum();
            sourceProgress.add(new SourceProgress(source.source().description(), offsetsJson(source, previousOffsets),
                    offsetsJson(source, report.offsets()), sourceRows, sourceRows / inputSeconds, sourceRows / processSeconds,
                    source.source().metrics()));
        }
        List<StateOperatorProgress> state = new ArrayList<>();
        new TreeMap<>(report.stateRows()).forEach((op, n) ->
                state.add(new StateOperatorProgress(op, n, report.stateBytes().getOrDefault(op, 0L))));

        StreamingQueryProgress progress = new StreamingQueryProgress(id, runId, name, Instant.now().toString(),
                batches ? report.epoch() : null, batches ? null : report.epoch(), rows, rows / inputSeconds, rows / processSeconds, durations,
                LatencyPercentiles.of(epochLatency), state, sourceProgress, new SinkProgress(sinkDescription));
        previousOffsets = Map.copyOf(report.offsets());
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(progress);
        return progress;
    }

    /** Partition number to offset, as JSON; {@code null} before the first commit. */
    private static String offsetsJson(SourceShape source, Map<String, String> offsets) {
        if (offsets == null) {
            return null;
        }
        Map<String, String> byPartition = new LinkedHashMap<>();
        for (int p = 0; p < source.partitionKeys().size(); p++) {
            byPartition.put(Integer.toString(p), offsets.get(source.partitionKeys().get(p)));
        }
        try {
            return Json.MAPPER.writeValueAsString(byPartition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized StreamingQueryProgress last() {
        return recent.peekLast();
    }

    synchronized List<StreamingQueryProgress> recent() {
        return List.copyOf(recent);
    }

    /** A copy of the run's latency histogram, including what was delivered since the last commit. */
    synchronized Histogram runLatency() {
        Histogram fresh = LatencyRecorder.newHistogram();
        latency.drainInto(fresh);
        drainedEarly.add(fresh);
        runLatency.add(fresh);
        return runLatency.copy();
    }
}
