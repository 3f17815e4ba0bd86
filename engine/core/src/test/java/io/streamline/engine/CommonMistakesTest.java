package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mistakes new users make most, each answered by an error that names it and what is accepted. */
class CommonMistakesTest extends EngineTestSupport {
    private static final Trigger EPOCH_PER_HOUR = Trigger.continuous(Duration.ofHours(1));

    @Test
    void shouldRefuseASecondActiveQueryOfTheSameNameAndKeepTheFirstOnesTable() throws Exception {
        MemoryStream<String> first = new MemoryStream<>("first");
        MemoryStream<String> second = new MemoryStream<>("second");
        StreamingQuery running = engine.readStream(first).writeStream().format("memory").queryName("words")
                .trigger(EPOCH_PER_HOUR).start();

        assertThatThrownBy(() -> engine.readStream(second).writeStream().format("memory").queryName("words").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot start query with name words as a query with that name is already active (id "
                        + running.id() + "); stop it first or choose another queryName");
        first.addData("one");
        second.addData("two");
        running.processAllAvailable();
        assertThat(engine.table("words").rows()).containsExactly("one");
        assertThat(engine.streams().active()).containsExactly(running);

        running.stop();
        StreamingQuery again = engine.readStream(second).writeStream().format("memory").queryName("words")
                .trigger(EPOCH_PER_HOUR).start();
        again.processAllAvailable();
        assertThat(engine.table("words").rows()).as("the name is free once the first stopped").containsExactly("one", "two");
    }

    @Test
    void shouldStopTheQueryNamingTheOperatorWhenAKeyFunctionReturnsNull() {
        MemoryStream<String> words = new MemoryStream<>("words");
        StreamingQuery query = engine.readStream(words).groupByKey(w -> w.isEmpty() ? null : w).count()
                .writeStream().format("memory").queryName("counts").outputMode("update").trigger(EPOCH_PER_HOUR).start();
        words.addData("a", "");

        assertThatThrownBy(query::processAllAvailable).isInstanceOf(StreamingQueryException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The groupByKey key function of operator 1-count returned null for the record ; keys must not"
                        + " be null: map a missing key to a value of its own, e.g. \"\" or -1");
    }

    @Test
    void shouldRefuseAnUnknownTableNamingTheTablesThereAre() throws Exception {
        StreamingQuery query = engine.readStream(new MemoryStream<String>("in")).writeStream().format("memory")
                .queryName("counts").trigger(EPOCH_PER_HOUR).start();
        query.processAllAvailable();

        assertThatThrownBy(() -> engine.table("count")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No memory table 'count'; tables: [counts] (a memory sink's table is named by its query's"
                        + " queryName and exists once the query started)");
        assertThat(engine.table("counts").rows()).isEmpty();
    }

    @Test
    void shouldRefuseAJournalSourceOnAMissingPathUnlessToldToWaitForIt() throws Exception {
        Path missing = dir.resolve("no-such-journal");
        assertThatThrownBy(() -> engine.readStream().journal(missing.toString()).writeStream().format("noop").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'path' of source 'journal': there is no journal at " + missing + " (no such directory)."
                        + " Start the query that writes it first, correct the path, or set option waitForPath=true to"
                        + " create the directory and wait for a writer");
        assertThat(missing).doesNotExist();

        StreamingQuery waiting = engine.readStream().option("waitForPath", true).journal(missing.toString())
                .writeStream().format("memory").queryName("chained").trigger(EPOCH_PER_HOUR).start();
        MemoryStream<String> input = new MemoryStream<>("input");
        StreamingQuery writer = engine.readStream(input).writeStream().format("journal").option("path", missing.toString())
                .option("checkpointLocation", dir.resolve("writer").toString()).trigger(EPOCH_PER_HOUR).start();
        input.addData("late");
        writer.processAllAvailable();
        waiting.processAllAvailable();
        assertThat(engine.table("chained").rows()).containsExactly("late");
    }

    @Test
    void shouldGiveEachTypedEntryPointItsFormatsRecordType() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.json"), "{\"sensor\":\"s1\",\"celsius\":31.5}\n");
        Files.writeString(in.resolve("b.csv"), "s2,29\n");

        StreamingQuery rate = engine.readStream().option("rowsPerSecond", 100).rate().map(RateRow::value)
                .writeStream().format("memory").queryName("rate").trigger(EPOCH_PER_HOUR).start();
        StreamingQuery json = engine.readStream().json(in.toString()).map(row -> row.get("celsius"))
                .writeStream().format("memory").queryName("json").trigger(EPOCH_PER_HOUR).start();
        StreamingQuery text = engine.readStream().text(in.toString()).map(String::length)
                .writeStream().format("memory").queryName("text").trigger(EPOCH_PER_HOUR).start();
        for (StreamingQuery query : List.of(rate, json, text)) {
            query.processAllAvailable();
        }

        assertThat(engine.table("rate").rows()).allSatisfy(v -> assertThat(v).isInstanceOf(Long.class));
        assertThat(engine.<Object>table("json").rows()).contains(31.5);
        assertThat(engine.<Object>table("text").rows()).contains("s2,29".length());
    }

    @Test
    void shouldAcceptSparkIntervalsWithFractionsAndListExamplesOtherwise() throws Exception {
        MemoryStream<String> in = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(in).writeStream().format("memory").queryName("fraction")
                .trigger(Trigger.continuous("1.5 s")).start();
        assertThat(query.explainString()).contains("epoch every 1500 ms");
        query.stop();

        assertThatThrownBy(() -> engine.readStream(in).writeStream().format("noop").trigger(Trigger.processingTime("1,5 s")).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Trigger.processingTime interval has an unparsable duration '1,5 s'")
                .hasMessageContaining("'500ms', '1.5 s'");
    }

    @Test
    void shouldNotMentionWatermarksTheApiDoesNotHave() {
        assertThatThrownBy(() -> engine.readStream(new MemoryStream<String>("in")).groupByKey(w -> w).count()
                .writeStream().format("noop").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Append output mode not supported for streaming aggregations")
                .hasMessageContaining("outputMode(\"update\")")
                .message().doesNotContain("watermark");
    }
}
