package io.streamline.engine;

import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code processAllAvailable()} returns once what the sources had at the call is processed and committed. */
class ProcessAllAvailableTest extends EngineTestSupport {
    /** Long enough that no epoch closes by the clock while a test runs: every epoch is one a call asked for. */
    private static final Trigger EPOCH_PER_HOUR = Trigger.continuous(Duration.ofHours(1));

    @Test
    void shouldMakeEachAddDataExactlyOneMicroBatch() throws Exception {
        MemoryStream<String> words = new MemoryStream<>("words");
        StreamingQuery query = wordCount(words, Trigger.processingTime(0), "batches");

        words.addData("a", "b", "a");
        query.processAllAvailable();
        assertThat(engine.table("batches").asMap()).isEqualTo(Map.of("a", 2L, "b", 1L));
        words.addData("b", "c");
        query.processAllAvailable();
        assertThat(engine.table("batches").asMap()).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L));
        query.processAllAvailable(); // nothing new: no batch

        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(3L, 2L);
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::batchId).containsExactly(0L, 1L);
    }

    @Test
    void shouldCloseOneContinuousEpochPerCallRightAfterTheData() throws Exception {
        MemoryStream<String> words = new MemoryStream<>("words");
        StreamingQuery query = wordCount(words, EPOCH_PER_HOUR, "epochs");

        words.addData("a", "b", "a");
        query.processAllAvailable();
        assertThat(engine.table("epochs").asMap()).isEqualTo(Map.of("a", 2L, "b", 1L));
        words.addData("c");
        query.processAllAvailable();
        assertThat(engine.table("epochs").asMap()).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 1L));

        List<StreamingQueryProgress> epochs = query.recentProgress();
        assertThat(epochs).extracting(StreamingQueryProgress::epochId).containsExactly(0L, 1L);
        assertThat(epochs).extracting(StreamingQueryProgress::numInputRows).containsExactly(3L, 1L);
        assertThat(epochs.get(1).sources().get(0).endOffset()).isEqualTo("{\"0\":\"4\"}");
    }

    @Test
    void shouldReturnOnAnEndlessSourceOnceWhatWasDueAtTheCallIsCommitted() throws Exception {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
                .writeStream().format("noop").trigger(EPOCH_PER_HOUR).start();
        query.processAllAvailable();
        assertThat(query.recentProgress()).singleElement().satisfies(p -> assertThat(p.epochId()).isZero());
        query.processAllAvailable();
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::epochId).containsExactly(0L, 1L);
    }

    @Test
    void shouldThrowTheQueryFailureWhetherItHappenedBeforeOrDuringTheCall() {
        for (Trigger trigger : List.of(Trigger.processingTime(0), EPOCH_PER_HOUR)) {
            MemoryStream<Integer> input = new MemoryStream<>("in");
            StreamingQuery query = engine.readStream(input).map(v -> 10 / v).writeStream().format("noop").trigger(trigger).start();
            input.addData(0);
            assertThatThrownBy(query::processAllAvailable).as(trigger.toString()).isInstanceOf(StreamingQueryException.class)
                    .hasRootCauseInstanceOf(ArithmeticException.class);
            assertThatThrownBy(query::processAllAvailable).as("after the failure").isInstanceOf(StreamingQueryException.class);
        }
    }

    @Test
    void shouldReturnAtOnceOnAStoppedQuery() throws Exception {
        MemoryStream<String> words = new MemoryStream<>("words");
        StreamingQuery query = wordCount(words, EPOCH_PER_HOUR, "stopped");
        query.stop();
        words.addData("late");
        query.processAllAvailable();
        assertThat(engine.table("stopped").asMap()).isEmpty();
    }

    private StreamingQuery wordCount(MemoryStream<String> words, Trigger trigger, String name) {
        return engine.readStream(words).groupByKey(w -> w).count().writeStream().format("memory").queryName(name)
                .outputMode("update").trigger(trigger).start();
    }
}
