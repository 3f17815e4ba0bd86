package io.streamline.ui;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The engine's queries as Prometheus metrics, built at each scrape from the latest run of every query: labels
 * {@code query} (its name, else its id) and {@code id}; base units (seconds, bytes); counters end in
 * {@code _total}. Counters restart from zero with a new run of a query, which Prometheus' {@code rate()} takes as
 * a counter reset. The watermark and source lag appear once progress reports carry them
 * ({@code eventTime.watermark}, a source's {@code metrics.maxOffsetsBehindLatest} and
 * {@code metrics.offsetsBehindLatestByPartition}).
 */
final class QueryMetrics implements MultiCollector {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_SECOND = 1e6;

    private final QueryRegistry registry;

    QueryMetrics(QueryRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        var inputRows = Family.counter("streamline_query_input_rows", "Rows read by the query's sources");
        var sinkRows = Family.counter("streamline_query_sink_rows",
                "Rows the query's sink received, each with its end-to-end latency recorded");
        var commits = Family.counter("streamline_query_commits", "Epochs (continuous) or batches (micro-batch) committed");
        var sourceRows = Family.counter("streamline_source_input_rows", "Rows read by one source of the query");
        var dropped = Family.counter("streamline_query_state_rows_dropped_by_watermark",
                "Late rows a stateful operator dropped because the watermark had passed them");
        var active = Family.gauge("streamline_query_active", "1 while the query runs, 0 once it has terminated");
        var lastCommit = Family.gauge("streamline_query_last_commit_id", "Id of the last committed epoch or batch");
        var inputRate = Family.gauge("streamline_query_input_rows_per_second", "Input rate over the last epoch or batch");
        var processedRate = Family.gauge("streamline_query_processed_rows_per_second",
                "Processing rate over the last epoch or batch");
        var stateRows = Family.gauge("streamline_query_state_rows", "Rows (keys) held by a stateful operator");
        var stateBytes = Family.gauge("streamline_query_state_memory_bytes",
                "Size of a stateful operator's last snapshot, encoded").unit(Unit.BYTES);
        var watermark = Family.gauge("streamline_query_watermark_timestamp_seconds",
                "The query's event-time watermark, as Unix time").unit(Unit.SECONDS);
        var watermarkLag = Family.gauge("streamline_query_watermark_lag_seconds",
                "How far the watermark trails the time of the last report").unit(Unit.SECONDS);
        var sourceLag = Family.gauge("streamline_source_lag_records",
                "Records a source is behind the latest available, in its most behind partition");
        var partitionLag = Family.gauge("streamline_source_partition_lag_records",
                "Records one partition of a source is behind its latest offset (for Kafka: the consumer lag)");
        var commitDuration = Family.summary("streamline_query_commit_duration_seconds",
                "Time to commit: continuous, from an epoch's marker request to its commit record; micro-batch, the whole batch");
        var latency = Family.summary("streamline_query_latency_seconds", "End-to-end latency of the rows the sink "
                + "received; quantiles over the last epoch or batch, count and sum over the run");

        for (QueryRun run : registry.latestRunPerQuery()) {
            Labels labels = Labels.of("query", run.label(), "id", run.id().toString());
            ProgressHistory.Totals totals = run.history().totals();
            inputRows.add(labels, totals.inputRows());
            sinkRows.add(labels, totals.sinkRows());
            commits.add(labels, totals.commits());
            active.add(labels, run.active() ? 1 : 0);
            totals.sourceRows().forEach((source, rows) -> sourceRows.add(labels.add("source", source), rows));
            totals.droppedByWatermark().forEach((operator, rows) -> dropped.add(labels.add("operator", operator), rows));
            StreamingQueryProgress last = run.history().last();
            if (last == null) {
                continue;
            }
            commitDuration.addPoint(b -> b.dataPoint(SummaryDataPointSnapshot.builder().labels(labels)
                    .count(totals.commits()).sum(totals.commitMillis() / 1000.0).build()));
            lastCommit.add(labels, last.commitId());
            inputRate.add(labels, last.inputRowsPerSecond());
            processedRate.add(labels, last.processedRowsPerSecond());
            for (StateOperatorProgress state : last.stateOperators()) {
                stateRows.add(labels.add("operator", state.operatorName()), state.numRowsTotal());
                stateBytes.add(labels.add("operator", state.operatorName()), state.memoryUsedBytes());
            }
            Optional<Histogram> runLatency = run.runLatency();
            if (runLatency.isPresent()) {
                LatencyPercentiles p = last.latency();
                Histogram h = runLatency.get();
                latency.addPoint(b -> b.dataPoint(SummaryDataPointSnapshot.builder().labels(labels)
                        .quantiles(Quantiles.of(new Quantile(0.5, p.p50Us() / MICROS_PER_SECOND),
                                new Quantile(0.99, p.p99Us() / MICROS_PER_SECOND),
                                new Quantile(0.999, p.p999Us() / MICROS_PER_SECOND)))
                        .count(h.getTotalCount()).sum(h.getTotalCount() * h.getMean() / NANOS_PER_SECOND).build()));
            }
            ReportedLag lag = ReportedLag.of(last.json());
            lag.watermark().ifPresent(w -> watermark.add(labels, w.toEpochMilli() / 1000.0));
            lag.watermarkLagSec().ifPresent(seconds -> watermarkLag.add(labels, seconds));
            lag.sourceLag().forEach((source, behind) -> sourceLag.add(labels.add("source", source), behind));
            lag.partitionLag().forEach(p -> partitionLag.add(labels.add("source", p.source()).add("topic", p.topic())
                    .add("partition", p.partition()), p.behind()));
        }
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (Family<?> family : List.of(inputRows, sinkRows, commits, sourceRows, dropped, active, lastCommit, inputRate,
                processedRate, stateRows, stateBytes, watermark, watermarkLag, sourceLag, partitionLag, commitDuration, latency)) {
            family.addTo(all);
        }
        return all.build();
    }

    /** One metric family being filled, written out only if some query gave it a series. */
    private static final class Family<B extends MetricSnapshot.Builder<B>> {
        private final B builder;
        private final BiConsumer<B, Map.Entry<Labels, Double>> point;
        private boolean empty = true;

        private Family(B builder, BiConsumer<B, Map.Entry<Labels, Double>> point) {
            this.builder = builder;
            this.point = point;
        }

        static Family<CounterSnapshot.Builder> counter(String name, String help) {
            return new Family<>(CounterSnapshot.builder().name(name).help(help), (b, p) ->
                    b.dataPoint(CounterDataPointSnapshot.builder().labels(p.getKey()).value(p.getValue()).build()));
        }

        static Family<GaugeSnapshot.Builder> gauge(String name, String help) {
            return new Family<>(GaugeSnapshot.builder().name(name).help(help), (b, p) ->
                    b.dataPoint(GaugeDataPointSnapshot.builder().labels(p.getKey()).value(p.getValue()).build()));
        }

        static Family<SummarySnapshot.Builder> summary(String name, String help) {
            return new Family<>(SummarySnapshot.builder().name(name).help(help).unit(Unit.SECONDS), (b, p) -> {
                throw new UnsupportedOperationException("a summary's points are added whole");
            });
        }

        Family<B> unit(Unit unit) {
            builder.unit(unit);
            return this;
        }

        /** Adds the series {@code labels} with {@code value}. */
        void add(Labels labels, double value) {
            point.accept(builder, Map.entry(labels, value));
            empty = false;
        }

        /** Adds a series built by {@code addPoint}. */
        void addPoint(Consumer<B> addPoint) {
            addPoint.accept(builder);
            empty = false;
        }

        void addTo(MetricSnapshots.Builder all) {
            if (!empty) {
                all.metricSnapshot(builder.build());
            }
        }
    }
}
