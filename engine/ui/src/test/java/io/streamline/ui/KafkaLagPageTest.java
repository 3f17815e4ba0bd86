package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.kafka.EmbeddedKafkaPerClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka consumer lag of a real Kafka source (the in-process broker of the Kafka module's test-jar) as the live
 * page shows it in a real headless Chromium, as the JSON API serves it and as {@code /metrics} exports it.
 */
class KafkaLagPageTest {
    @RegisterExtension
    static final EmbeddedKafkaPerClass KAFKA = new EmbeddedKafkaPerClass();

    private final StreamEngine engine = StreamEngine.builder().ui(0).build();
    private final URI ui = engine.uiAddress().orElseThrow();

    @AfterEach
    void stop() {
        engine.close();
    }

    /** {@code count} records in partition {@code partition} of {@code topic}. */
    private static void produce(String topic, int partition, int count) throws Exception {
        KAFKA.broker().produce(topic, partition, IntStream.range(0, count).mapToObj(i -> "r" + i).toList());
    }

    private StreamingQuery read(String topic, Map<String, String> options, Trigger trigger) {
        var reader = engine.readStream().format("kafka").option("kafka.bootstrap.servers", KAFKA.broker().bootstrapServers())
                .option("subscribe", topic).option("startingOffsets", "earliest");
        options.forEach(reader::option);
        return reader.load().writeStream().format("noop").queryName(topic).trigger(trigger).start();
    }

    @Test
    void shouldShowTheLagOfEachPartitionLiveUntilCaughtUp() throws Exception {
        KAFKA.broker().createTopic("clicks", 2);
        produce("clicks", 0, 300);
        produce("clicks", 1, 100);
        // 40 records a batch: ten batches, the lag shrinking from one to the next
        StreamingQuery query = read("clicks", Map.of("maxOffsetsPerTrigger", "40"), Trigger.processingTime(100));

        try (HeadlessChromium browser = HeadlessChromium.launch()) {
            browser.open(ui.resolve("queries/" + query.id()));
            browser.await("the lag of both partitions shown", "document.querySelectorAll('#partition-lag tr[data-partition]')"
                    + ".length === 2 && document.getElementById('partition-lag-empty') === null");
            assertShownLagIsThatOfTheReportShown(browser, query);

            browser.await("caught up: both partitions 0 behind", "[...document.querySelectorAll('#partition-lag tr[data-partition]')]"
                    + ".every(tr => tr.cells[3].textContent === '0')");
            assertShownLagIsThatOfTheReportShown(browser, query);
            assertThat(query.recentProgress().stream().mapToLong(StreamingQueryProgress::numInputRows).sum()).isEqualTo(400);

            // The chart drew every report the query made, the lag it had before catching up among them.
            long mostBehind = query.recentProgress().stream()
                    .mapToLong(p -> Long.parseLong(p.sources().get(0).metrics().getOrDefault("maxOffsetsBehindLatest", "0"))).max()
                    .orElseThrow();
            assertThat(mostBehind).isPositive();
            assertThat(browser.evaluate("Math.max(...document.getElementById('chart-partition-lag').chart.data.slice(1).flat()"
                    + ".filter(v => v != null))").asLong()).isEqualTo(mostBehind);
            assertThat(browser.evaluate("[...document.querySelectorAll('#chart-partition-lag .u-legend .u-label')]"
                    + ".map(l => l.textContent)").toString()).contains("clicks-0", "clicks-1");
            Path screenshot = Path.of("target", "kafka-lag-page.png");
            Files.write(screenshot, browser.screenshot(1400));
            assertThat(browser.pageErrors).isEmpty();
        }
    }

    /** The partition rows shown against the query's own report of the batch shown, read in one evaluation. */
    private static void assertShownLagIsThatOfTheReportShown(HeadlessChromium browser, StreamingQuery query) {
        JsonNode shown = browser.evaluate("({commitId: document.querySelector('[data-field=commitId]').textContent, rows: "
                + "[...document.querySelectorAll('#partition-lag tr[data-partition]')].map(tr => [...tr.cells].map(c => c.textContent))})");
        long batch = Long.parseLong(shown.path("commitId").asText());
        Optional<StreamingQueryProgress> report = query.recentProgress().stream().filter(p -> p.commitId() == batch).findFirst();
        assertThat(report).as("the query's report of batch " + batch).isPresent();
        var source = report.get().sources().get(0);
        JsonNode lag = Http.parse(source.metrics().get("offsetsBehindLatestByPartition"));
        assertThat(shown.path("rows")).hasSize(2);
        for (JsonNode row : shown.path("rows")) {
            assertThat(row.get(0).asText()).isEqualTo(source.description());
            assertThat(row.get(1).asText()).isEqualTo("clicks");
            assertThat(row.get(3).asText().replace(",", ""))
                    .as("partition " + row.get(2).asText() + " of batch " + batch)
                    .isEqualTo(lag.path("clicks").path(row.get(2).asText()).asText());
        }
    }

    @Test
    void shouldServeAndExportTheLagPerPartition() throws Exception {
        KAFKA.broker().createTopic("views", 2);
        produce("views", 0, 30);
        produce("views", 1, 10);
        // read partition 0 up to offset 20 only: 10 of its records stay behind, partition 1 is read to its end
        StreamingQuery query = read("views", Map.of("endingOffsets", "{\"views\":{\"0\":20,\"1\":-1}}"), Trigger.availableNow());
        assertThat(query.awaitTermination(60_000)).isTrue();
        Map<String, String> metrics = query.lastProgress().sources().get(0).metrics();
        assertThat(metrics).containsEntry("offsetsBehindLatestByPartition", "{\"views\":{\"0\":10,\"1\":0}}")
                .containsEntry("maxOffsetsBehindLatest", "10").containsEntry("minOffsetsBehindLatest", "0")
                .containsEntry("avgOffsetsBehindLatest", "5.0");

        JsonNode served = Http.json(ui.resolve("api/queries/" + query.id() + "/progress"));
        assertThat(served.get(served.size() - 1).path("sources").get(0).path("metrics").path("offsetsBehindLatestByPartition")
                .asText()).isEqualTo("{\"views\":{\"0\":10,\"1\":0}}");

        String id = query.id().toString();
        String source = query.lastProgress().sources().get(0).description();
        Await.until("the UI heard the last report", () -> PrometheusText.parse(Http.get(ui.resolve("metrics")).body())
                .value("streamline_query_last_commit_id", Map.of("id", id)).orElse(-1.0) == query.lastProgress().commitId());
        PrometheusText m = PrometheusText.parse(Http.get(ui.resolve("metrics")).body());
        assertThat(m.types).containsEntry("streamline_source_partition_lag_records", "gauge");
        for (List<String> partition : List.of(List.of("0", "10"), List.of("1", "0"))) {
            assertThat(m.value("streamline_source_partition_lag_records", Map.of("query", "views", "id", id, "source", source,
                    "topic", "views", "partition", partition.get(0)))).contains(Double.parseDouble(partition.get(1)));
        }
        assertThat(m.value("streamline_source_lag_records", Map.of("id", id, "source", source))).contains(10.0);
    }
}
