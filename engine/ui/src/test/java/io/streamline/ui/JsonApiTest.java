package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonApiTest {
    private final StreamEngine engine = StreamEngine.builder().ui(0).build();
    private final URI ui = engine.uiAddress().orElseThrow();

    @AfterEach
    void close() {
        engine.close();
    }

    /** A micro-batch query over a memory stream that has committed three batches of 3, 2 and 1 rows. */
    private StreamingQuery threeBatches(String name) {
        MemoryStream<Long> input = new MemoryStream<>("numbers");
        StreamingQuery query = engine.readStream(input).groupByKey(v -> v % 2).count()
                .writeStream().format("memory").queryName(name).outputMode("update")
                .trigger(Trigger.processingTime(10)).start();
        long[][] batches = {{1, 2, 3}, {4, 5}, {6}};
        for (long[] batch : batches) {
            long committed = query.recentProgress().size();
            for (long v : batch) {
                input.addData(v);
            }
            Await.until("batch " + committed + " committed", () -> query.recentProgress().size() > committed);
        }
        return query;
    }

    /** Waits until the UI has heard of every report the query has made (events reach it through the listener bus). */
    private void awaitHeard(StreamingQuery query) {
        long last = query.lastProgress().commitId();
        Await.until("the UI has the report of " + last, () -> {
            JsonNode progress = Http.json(ui.resolve("api/queries/" + query.id() + "/progress"));
            return progress.size() > 0 && progress.get(progress.size() - 1).path("batchId").asLong() == last;
        });
    }

    @Test
    void shouldListQueriesWithTheirStatusTriggerAndLastProgress() {
        StreamingQuery query = threeBatches("listed");
        awaitHeard(query);

        JsonNode queries = Http.json(ui.resolve("api/queries"));
        assertThat(queries).hasSize(1);
        JsonNode q = queries.get(0);
        assertThat(q.path("id").asText()).isEqualTo(query.id().toString());
        assertThat(q.path("runId").asText()).isEqualTo(query.runId().toString());
        assertThat(q.path("name").asText()).isEqualTo("listed");
        assertThat(q.path("active").asBoolean()).isTrue();
        assertThat(q.path("status").path("message").asText()).isEqualTo(query.status().message());
        assertThat(q.path("trigger").asText()).isEqualTo("micro-batch: ProcessingTime(10 ms)");
        assertThat(q.path("terminatedAt").isNull()).isTrue();
        // The report as the engine renders it, field for field.
        assertThat(q.path("lastProgress")).isEqualTo(Http.parse(query.lastProgress().json()));

        JsonNode one = Http.json(ui.resolve("api/queries/" + query.runId()));
        assertThat(one.path("plan").asText()).isEqualTo(query.explainString());
        assertThat(Http.json(ui.resolve("api/queries/" + query.id())).path("runId").asText()).isEqualTo(query.runId().toString());
    }

    @Test
    void shouldReturnTheReportsAfterSince() {
        StreamingQuery query = threeBatches("since");
        awaitHeard(query);
        List<StreamingQueryProgress> reports = query.recentProgress();
        long first = reports.get(0).commitId();

        JsonNode all = Http.json(ui.resolve("api/queries/" + query.id() + "/progress"));
        assertThat(all).hasSize(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            assertThat(all.get(i)).isEqualTo(Http.parse(reports.get(i).json()));
        }
        JsonNode later = Http.json(ui.resolve("api/queries/" + query.id() + "/progress?since=" + first));
        assertThat(later).hasSize(reports.size() - 1);
        assertThat(later.get(0).path("batchId").asLong()).isEqualTo(reports.get(1).commitId());
        assertThat(later.get(0).path("numInputRows").asLong()).isEqualTo(2);
        assertThat(Http.json(ui.resolve("api/queries/" + query.id() + "/progress?since=" + query.lastProgress().commitId())))
                .isEmpty();
    }

    @Test
    void shouldServeTheLastEpochsLatencyDistribution() {
        StreamingQuery query = threeBatches("latency");
        awaitHeard(query);
        query.stop();
        Histogram last = query.lastEpochLatencyHistogram();

        JsonNode latency = Http.json(ui.resolve("api/queries/" + query.id() + "/latency"));
        assertThat(latency.path("commitId").asLong()).isEqualTo(query.lastProgress().commitId());
        assertThat(latency.path("count").asLong()).isEqualTo(last.getTotalCount()).isEqualTo(1);
        JsonNode steps = latency.path("percentiles");
        JsonNode top = steps.get(steps.size() - 1);
        assertThat(top.get(0).asDouble()).isEqualTo(100.0);
        assertThat(top.get(1).asDouble()).isEqualTo(last.getMaxValue() / 1000.0);
    }

    @Test
    void shouldKeepTerminatedQueriesWithTheirException() {
        MemoryStream<Long> input = new MemoryStream<>("doomed");
        StreamingQuery query = engine.readStream(input).map(v -> 10 / (v - 3))
                .writeStream().format("noop").queryName("failing").trigger(Trigger.processingTime(10)).start();
        input.addData(3L);
        Await.until("the query failed", () -> !query.isActive());

        Await.until("the UI saw it terminate", () -> !Http.json(ui.resolve("api/queries")).get(0).path("active").asBoolean());
        JsonNode q = Http.json(ui.resolve("api/queries")).get(0);
        assertThat(q.path("terminatedAt").asText()).isNotEmpty();
        assertThat(q.path("exception").asText()).contains("ArithmeticException");
        assertThat(q.path("status").path("message").asText()).startsWith("Terminated with exception");
    }

    @Test
    void shouldAnswerBadRequestsWithAnErrorNamingTheProblem() {
        StreamingQuery query = threeBatches("errors");
        HttpResponse<String> badSince = Http.get(ui.resolve("api/queries/" + query.id() + "/progress?since=yesterday"));
        assertThat(badSince.statusCode()).isEqualTo(400);
        assertThat(Http.parse(badSince.body()).path("error").asText())
                .isEqualTo("since must be an epoch or batch id (a whole number; -1 for all), got 'yesterday'");

        HttpResponse<String> unknown = Http.get(ui.resolve("api/queries/6d1f4c6e-0000-0000-0000-000000000000"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no query with id or run id '6d1f4c6e-0000-0000-0000-000000000000'");

        assertThat(Http.get(ui.resolve("api/queries/" + query.id() + "/plans")).statusCode()).isEqualTo(404);
        HttpResponse<String> post = Http.send(HttpRequest.newBuilder(ui.resolve("api/queries"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void shouldPushUpdatesAsServerSentEvents() throws Exception {
        StreamingQuery query = threeBatches("pushed");
        awaitHeard(query);
        long last = query.lastProgress().commitId();

        HttpURLConnection stream = (HttpURLConnection) ui.resolve("api/queries/" + query.id() + "/events?since=" + (last - 1))
                .toURL().openConnection();
        stream.setReadTimeout(20_000);
        assertThat(stream.getContentType()).startsWith("text/event-stream");
        List<JsonNode> updates = new ArrayList<>();
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = events.readLine(); line != null && updates.size() < 3; line = events.readLine()) {
                if (line.startsWith("data: ")) {
                    updates.add(Http.parse(line.substring("data: ".length())));
                }
            }
        } finally {
            stream.disconnect();
        }
        assertThat(updates).hasSize(3);
        // The first update brings what the page did not have, the next ones nothing new (no batch committed since).
        assertThat(updates.get(0).path("progress")).hasSize(1);
        assertThat(updates.get(0).path("progress").get(0).path("batchId").asLong()).isEqualTo(last);
        assertThat(updates.get(0).path("latency").path("commitId").asLong()).isEqualTo(last);
        assertThat(updates.get(1).path("progress")).isEmpty();
        assertThat(updates.get(1).has("latency")).isFalse();
        assertThat(updates.get(2).path("query").path("name").asText()).isEqualTo("pushed");
    }
}
