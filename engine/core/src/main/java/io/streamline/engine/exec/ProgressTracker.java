package io.streamline.engine.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.epoch.EpochReport;
import io.streamline.engine.epoch.EventTimeStats;
import io.streamline.engine.operator.OperatorMetrics;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.runtime.OperatorHost;
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
    private final List<LatencyRecorder> latencies;
    private final boolean hasWatermark;
    private long watermarkInForce = Watermarks.NONE;
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

    ProgressTracker(UUID id, UUID runId, String name, ResolvedQuery query, List<LatencyRecorder> latencies,
                    Map<String, String> committedOffsets, boolean batches) {
        this.batches = batches;
        this.id = id;
        this.runId = runId;
        this.name = name;
        this.sinkDescription = query.sink().description();
        this.latencies = latencies;
        this.hasWatermark = query.plan().hasWatermark();
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

    /**
     * Builds, keeps and returns the report of a just-committed epoch; its timestamp is when the epoch (the batch's
     * trigger) began, {@code startMillis}, as Spark's progress timestamp is the trigger's start.
     */
    synchronized StreamingQueryProgress committed(EpochReport report, long startMillis, long commitNanos,
                                                  Map<String, Long> durations) {
        epochLatency.reset();
        latencies.forEach(l -> l.drainInto(epochLatency));
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
        StreamingQueryProgress progress = new StreamingQueryProgress(id, runId, name, Instant.ofEpochMilli(startMillis).toString(),
                batches ? report.epoch() : null, batches ? null : report.epoch(), rows, rows / inputSeconds, rows / processSeconds,
                durations, eventTime(report), LatencyPercentiles.of(epochLatency), stateOperators(report), sourceProgress,
                new SinkProgress(sinkDescription));
        previousOffsets = Map.copyOf(report.offsets());
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(progress);
        return progress;
    }

    /**
     * Per stateful operator: its states' rows and bytes (state and timers together, summed over instances), its
     * counts, and per instance its rows and its share of the epoch's records.
     */
    private static List<StateOperatorProgress> stateOperators(EpochReport report) {
        Map<String, long[]> sizes = new TreeMap<>();
        Map<String, TreeMap<Integer, Long>> perInstance = new TreeMap<>();
        report.stateRows().forEach((stateId, rows) -> {
            String operator = operatorOf(stateId, report);
            long[] size = sizes.computeIfAbsent(operator, k -> new long[2]);
            size[0] += rows;
            size[1] += report.stateBytes().getOrDefault(stateId, 0L);
            perInstance.computeIfAbsent(operator, k -> new TreeMap<>())
                    .merge(StatePlacement.instanceOf(stateId, operator), rows, Long::sum);
        });
        List<StateOperatorProgress> operators = new ArrayList<>();
        sizes.forEach((operator, size) -> {
            OperatorMetrics.Counts counts = report.operatorCounts().getOrDefault(operator, OperatorMetrics.Counts.ZERO);
            long[] taken = report.instanceRows().getOrDefault(operator, new long[]{0});
            long total = 0;
            long largest = 0;
            for (long rows : taken) {
                total += rows;
                largest = Math.max(largest, rows);
            }
            operators.add(new StateOperatorProgress(operator, size[0], counts.rowsUpdated(), counts.rowsRemoved(),
                    counts.rowsDroppedByWatermark(), size[1], taken.length, List.copyOf(perInstance.get(operator).values()),
                    total == 0 ? 0 : (double) largest / total));
        });
        return operators;
    }

    /** The operator a state belongs to: its own id, or that of its operator's instance or timers. */
    private static String operatorOf(String stateId, EpochReport report) {
        for (String operator : report.operatorCounts().keySet()) {
            StatePlacement any = new StatePlacement(operator, operator, stateId.endsWith(OperatorHost.TIMERS_SUFFIX), null);
            if (any.sameOperator(stateId)) {
                return operator;
            }
        }
        return stateId.endsWith(OperatorHost.TIMERS_SUFFIX)
                ? stateId.substring(0, stateId.length() - OperatorHost.TIMERS_SUFFIX.length()) : stateId;
    }

    /**
     * Spark's event-time block: the watermark in force during the epoch (the one the previous epoch's boundary
     * brought) and the event times seen; empty when the query has no watermark.
     */
    private Map<String, String> eventTime(EpochReport report) {
        Map<String, String> block = new LinkedHashMap<>();
        if (!hasWatermark) {
            return block;
        }
        EventTimeStats stats = report.eventTimes().values().stream().reduce(EventTimeStats.EMPTY, EventTimeStats::plus);
        if (stats.count() > 0) {
            block.put("avg", Instant.ofEpochMilli(Math.round(stats.sum() / stats.count())).toString());
            block.put("max", Instant.ofEpochMilli(stats.max()).toString());
            block.put("min", Instant.ofEpochMilli(stats.min()).toString());
        }
        block.put("watermark", Instant.ofEpochMilli(Watermarks.isTime(watermarkInForce) ? watermarkInForce : 0).toString());
        if (Watermarks.isTime(report.queryWatermark())) {
            watermarkInForce = report.queryWatermark();
        }
        return block;
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

    /** A copy of the last committed epoch's latency histogram, tagged with its id. */
    synchronized Histogram lastEpochLatency() {
        Histogram copy = epochLatency.copy();
        StreamingQueryProgress last = recent.peekLast();
        copy.setTag(last == null ? null : Long.toString(last.commitId()));
        return copy;
    }

    /** A copy of the run's latency histogram, including what was delivered since the last commit. */
    synchronized Histogram runLatency() {
        Histogram fresh = LatencyRecorder.newHistogram();
        latencies.forEach(l -> l.drainInto(fresh));
        drainedEarly.add(fresh);
        runLatency.add(fresh);
        return runLatency.copy();
    }
}
