package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The live page in a real headless Chromium: it must receive pushed updates, draw them, show the numbers of
 * the query's progress reports, and load nothing from anywhere but the engine. The screenshot it takes is
 * written to {@code engine/ui/target/live-page.png} (the one beside this module's README is a copy of it).
 */
class LivePageBrowserTest {
    /** Enough points for the charts to show a shape in the screenshot. */
    private static final int POINTS_FOR_SCREENSHOT = 15;

    private StreamEngine engine;
    private URI ui;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        engine = StreamEngine.builder().ui(0).build();
        ui = engine.uiAddress().orElseThrow();
        browser = HeadlessChromium.launch();
    }

    @AfterEach
    void stop() throws IOException {
        browser.close();
        engine.close();
    }

    @Test
    void shouldShowTheQueryLiveWithTheNumbersOfItsProgress() throws IOException {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 20_000).<RateRow>load()
                .filter(row -> row.value() % 10 != 9)
                .groupByKey(row -> row.value() % 1000).count()
                .writeStream().format("noop").outputMode("update").queryName("live-page")
                .trigger(Trigger.continuous(200)).start();

        browser.open(ui);
        awaitPage("the engine page lists the query", "document.querySelector('#active tr[data-run-id=\"" + query.runId()
                + "\"]') !== null");
        assertThat(browser.evaluate("document.querySelector('#active tr[data-run-id=\"" + query.runId() + "\"] a').textContent")
                .asText()).isEqualTo("live-page");

        browser.open(ui.resolve("queries/" + query.id()));
        awaitPage("three pushed updates drawn in the rate chart",
                "Number(document.body.dataset.updates) >= 3 && Number(document.getElementById('chart-rates').dataset.points) >= 3");
        assertShownMatchesTheQuerysReport(query);

        awaitPage(POINTS_FOR_SCREENSHOT + " epochs on the charts",
                "Number(document.getElementById('chart-rates').dataset.points) >= " + POINTS_FOR_SCREENSHOT
                        + " && document.getElementById('chart-distribution').dataset.commitId !== undefined");
        assertThat(browser.evaluate("document.querySelector('#chart-latency canvas') !== null").asBoolean()).isTrue();
        assertThat(browser.evaluate("document.querySelector('#chart-state canvas') !== null").asBoolean()).isTrue();
        assertThat(browser.evaluate("document.getElementById('plan').textContent").asText()).isEqualTo(query.explainString());
        assertThat(browser.evaluate("document.querySelector('#state tbody td').textContent").asText())
                .isEqualTo(query.lastProgress().stateOperators().get(0).operatorName());
        Path screenshot = Path.of("target", "live-page.png");
        Files.write(screenshot, browser.screenshot(1400));
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);

        query.stop();
        StreamingQueryProgress last = query.lastProgress();
        awaitPage("the page shows the stopped query's last epoch", "document.querySelector('[data-field=status]').textContent"
                + " === 'Stopped' && document.querySelector('[data-field=commitId]').textContent === '" + last.commitId() + "'");
        assertShowsReport(last, shownNumbers());

        // Everything the page loaded came from the engine: it works without internet access.
        for (JsonNode resource : browser.evaluate("performance.getEntriesByType('resource').map(e => e.name)")) {
            assertThat(resource.asText()).startsWith(ui.toString());
        }
        assertThat(browser.pageErrors).isEmpty();
    }

    @Test
    void shouldDrawTheWatermarkOfAQueryWithEventTime() {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
                .withWatermark(RateRow::timestamp, Duration.ofSeconds(2))
                .writeStream().format("noop").queryName("event-time").trigger(Trigger.continuous(100)).start();
        browser.open(ui.resolve("queries/" + query.id()));
        awaitPage("the watermark drawn", "document.getElementById('eventtime-empty') === null"
                + " && document.querySelector('#chart-eventtime canvas') !== null");
        query.stop();
        assertThat(query.lastProgress().eventTime()).containsKey("watermark");
        assertThat(browser.pageErrors).isEmpty();
    }

    @Test
    void shouldDrawSourceLagOnceASourceReportsIt() {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
                .writeStream().format("noop").queryName("lagging").trigger(Trigger.continuous(100)).start();
        browser.open(ui.resolve("queries/" + query.id()));
        awaitPage("an update", "Number(document.body.dataset.updates) >= 1 && document.querySelector('[data-field=commitId]')"
                + ".textContent !== '–'");
        query.stop();
        awaitPage("the stopped query", "document.querySelector('[data-field=status]').textContent === 'Stopped'");
        assertThat(browser.evaluate("document.getElementById('lag-empty') !== null").asBoolean()).isTrue();

        // The rate source reports no lag (the Kafka source does, as Spark's does: KafkaLagPageTest): push a report in
        // Spark's shape through the page's own update path and check that the panel draws it.
        long next = query.lastProgress().commitId() + 1;
        browser.evaluate("onUpdate({query: " + Http.json(ui.resolve("api/queries/" + query.id())).toString()
                + ", progress: [Object.assign({}, reports[reports.length - 1], {epochId: " + next + ", "
                + "sources: [{description: 'KafkaV2[Subscribe[clicks]]', startOffset: '{}', endOffset: '{}', numInputRows: 5, "
                + "inputRowsPerSecond: 5, metrics: {maxOffsetsBehindLatest: '40'}}]})]}); true");

        assertThat(browser.evaluate("document.getElementById('lag-empty') === null"
                + " && document.querySelector('#chart-lag canvas') !== null").asBoolean()).isTrue();
        assertThat(browser.evaluate("document.querySelector('#sources tbody').textContent").asText())
                .contains("maxOffsetsBehindLatest = 40");
        assertThat(browser.pageErrors).isEmpty();
    }

    private void awaitPage(String what, String condition) {
        browser.await(what, condition);
    }

    /** The numbers the page shows now, read in one evaluation so they belong to one report. */
    private JsonNode shownNumbers() {
        return browser.evaluate("Object.fromEntries(['commitId', 'numInputRows', 'inputRowsPerSecond', "
                + "'processedRowsPerSecond', 'commitMs', 'p50Us', 'p99Us', 'p999Us', 'maxUs'].map(f => "
                + "[f, document.querySelector('[data-field=' + f + ']').textContent]))");
    }

    /** The numbers shown while the query runs against the query's own report of the epoch shown. */
    private void assertShownMatchesTheQuerysReport(StreamingQuery query) {
        JsonNode shown = shownNumbers();
        long epoch = Long.parseLong(shown.path("commitId").asText());
        Optional<StreamingQueryProgress> report = query.recentProgress().stream().filter(p -> p.commitId() == epoch).findFirst();
        assertThat(report).as("the query's report of epoch " + epoch).isPresent();
        assertShowsReport(report.get(), shown);
    }

    /** Each number as shown (thousands separators, one decimal for µs, whole rows/s) against the report's. */
    private static void assertShowsReport(StreamingQueryProgress report, JsonNode shown) {
        assertThat(shown.path("commitId").asText()).isEqualTo(Long.toString(report.commitId()));
        assertThat(number(shown, "numInputRows")).isEqualTo((double) report.numInputRows());
        assertThat(number(shown, "inputRowsPerSecond")).isCloseTo(report.inputRowsPerSecond(), within(0.5));
        assertThat(number(shown, "processedRowsPerSecond")).isCloseTo(report.processedRowsPerSecond(), within(0.5));
        assertThat(number(shown, "commitMs")).isEqualTo((double) report.durationMs().get("commit"));
        assertThat(number(shown, "p50Us")).isCloseTo(report.latency().p50Us(), within(0.05));
        assertThat(number(shown, "p99Us")).isCloseTo(report.latency().p99Us(), within(0.05));
        assertThat(number(shown, "p999Us")).isCloseTo(report.latency().p999Us(), within(0.05));
        assertThat(number(shown, "maxUs")).isCloseTo(report.latency().maxUs(), within(0.05));
    }

    private static double number(JsonNode shown, String field) {
        String text = shown.path(field).asText();
        return Double.parseDouble(text.replace(",", "").replaceAll("[^0-9.\\-]", ""));
    }
}
