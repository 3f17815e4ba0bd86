package io.streamline.ui;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.RateRow;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsEndpointTest {
    private final StreamEngine engine = StreamEngine.builder().ui(0).build();
    private final URI ui = engine.uiAddress().orElseThrow();

    @AfterEach
    void close() {
        engine.close();
    }

    /** A continuous keyed count that committed a few epochs, stopped, every report heard by the UI. */
    private StreamingQuery stoppedKeyedCount() {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 2000).<RateRow>load()
                .groupByKey(row -> row.value() % 10).count()
                .writeStream().format("noop").outputMode("update").queryName("metered")
                .trigger(Trigger.continuous(100)).start();
        Await.until("three epochs with rows", () -> query.recentProgress().stream().filter(p -> p.numInputRows() > 0).count() >= 3);
        query.stop();
        int reports = query.recentProgress().size();
        Await.until("the UI heard all " + reports + " reports and the termination", () -> {
            PrometheusText m = scrape();
            return m.value("streamline_query_commits_total", labels(query)).orElse(0.0) == reports
                    && m.value("streamline_query_active", labels(query)).orElse(1.0) == 0;
        });
        return query;
    }

    private PrometheusText scrape() {
        HttpResponse<String> response = Http.get(ui.resolve("metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return PrometheusText.parse(response.body());
    }

    private static Map<String, String> labels(StreamingQuery query) {
        return Map.of("query", "metered", "id", query.id().toString());
    }

    @Test
    void shouldCountWhatTheProgressReportsSay() {
        StreamingQuery query = stoppedKeyedCount();
        List<StreamingQueryProgress> reports = query.recentProgress();
        assertThat(reports.size()).isLessThan(100); // all of them, not only the recent ones
        StreamingQueryProgress last = query.lastProgress();
        PrometheusText m = scrape();
        Map<String, String> q = labels(query);

        assertThat(m.value("streamline_query_input_rows_total", q))
                .contains((double) reports.stream().mapToLong(StreamingQueryProgress::numInputRows).sum());
        assertThat(m.value("streamline_query_sink_rows_total", q))
                .contains((double) reports.stream().mapToLong(p -> p.latency().count()).sum());
        assertThat(m.value("streamline_source_input_rows_total", Map.of("id", query.id().toString(),
                "source", last.sources().get(0).description())))
                .contains((double) reports.stream().mapToLong(StreamingQueryProgress::numInputRows).sum());
        assertThat(m.value("streamline_query_last_commit_id", q)).contains((double) last.commitId());
        assertThat(m.value("streamline_query_input_rows_per_second", q)).contains(last.inputRowsPerSecond());
        assertThat(m.value("streamline_query_commit_duration_seconds_count", q)).contains((double) reports.size());
        assertThat(m.value("streamline_query_commit_duration_seconds_sum", q)).contains(
                reports.stream().mapToLong(p -> p.durationMs().get("commit")).sum() / 1000.0);

        StateOperatorProgress state = last.stateOperators().get(0);
        Map<String, String> operator = Map.of("id", query.id().toString(), "operator", state.operatorName());
        assertThat(m.value("streamline_query_state_rows", operator)).contains(10.0).contains((double) state.numRowsTotal());
        assertThat(m.value("streamline_query_state_memory_bytes", operator)).contains((double) state.memoryUsedBytes());

        Histogram run = query.latencyHistogram();
        assertThat(m.value("streamline_query_latency_seconds", withQuantile(q, "0.99"))).contains(last.latency().p99Us() / 1e6);
        assertThat(m.value("streamline_query_latency_seconds", withQuantile(q, "0.999"))).contains(last.latency().p999Us() / 1e6);
        assertThat(m.value("streamline_query_latency_seconds_count", q)).contains((double) run.getTotalCount());
        assertThat(m.value("streamline_query_latency_seconds_sum", q).orElseThrow())
                .isCloseTo(run.getMean() * run.getTotalCount() / 1e9, within(1e-9));
        // No watermark in this query, and no source lag: no such series rather than a made-up zero.
        assertThat(m.value("streamline_query_watermark_timestamp_seconds", q)).isEmpty();
        assertThat(m.value("streamline_source_lag_records", q)).isEmpty();
    }

    @Test
    void shouldExportTheWatermarkOfAQueryWithEventTime() {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
                .withWatermark(RateRow::timestamp, Duration.ofSeconds(2))
                .writeStream().format("noop").queryName("watermarked").trigger(Trigger.continuous(100)).start();
        Await.until("a report with a watermark", () -> query.lastProgress() != null
                && query.lastProgress().eventTime().containsKey("watermark") && !query.lastProgress().eventTime()
                .get("watermark").startsWith("1970"));
        query.stop();
        long last = query.lastProgress().commitId();
        Map<String, String> q = Map.of("query", "watermarked");
        Await.until("the UI heard the last report", () ->
                scrape().value("streamline_query_last_commit_id", q).orElse(-1.0) == last);

        StreamingQueryProgress report = query.lastProgress();
        Instant watermark = Instant.parse(report.eventTime().get("watermark"));
        PrometheusText m = scrape();
        assertThat(m.value("streamline_query_watermark_timestamp_seconds", q)).contains(watermark.toEpochMilli() / 1000.0);
        assertThat(m.value("streamline_query_watermark_lag_seconds", q))
                .contains((Instant.parse(report.timestamp()).toEpochMilli() - watermark.toEpochMilli()) / 1000.0);
    }

    @Test
    void shouldFollowPrometheusNamingConventions() {
        stoppedKeyedCount();
        PrometheusText m = scrape();

        assertThat(m.types).containsEntry("streamline_query_input_rows_total", "counter")
                .containsEntry("streamline_query_commits_total", "counter")
                .containsEntry("streamline_query_state_memory_bytes", "gauge")
                .containsEntry("streamline_query_latency_seconds", "summary")
                .containsEntry("streamline_query_commit_duration_seconds", "summary");
        m.types.forEach((family, type) -> {
            assertThat(m.help).as("HELP of " + family).containsKey(family);
            if (family.startsWith("streamline_")) {
                assertThat(family).matches("streamline_(query|source)_[a-z0-9_]+");
            }
            if (type.equals("counter")) {
                assertThat(family).endsWith("_total");
            }
        });
        for (PrometheusText.Sample sample : m.samples) {
            String family = m.types.containsKey(sample.name()) ? sample.name() : sample.name().replaceFirst("_(count|sum)$", "");
            assertThat(m.types).as("TYPE of " + sample.name()).containsKey(family);
        }
        // The JVM's own metrics sit beside the queries': GC pauses explain latency spikes.
        assertThat(m.types).containsKey("jvm_memory_used_bytes").containsKey("jvm_gc_collection_seconds");
    }

    @Test
    void shouldServeOpenMetricsWhenTheScraperAsksForIt() {
        stoppedKeyedCount();
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(ui.resolve("metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(response.body()).contains("# TYPE streamline_query_input_rows counter").endsWith("# EOF\n");
    }

    private static Map<String, String> withQuantile(Map<String, String> labels, String quantile) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put("quantile", quantile);
        return all;
    }
}
