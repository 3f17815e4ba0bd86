package io.streamline.engine;

import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The micro-batch triggers run the same pipeline definitions as continuous mode. */
class MicroBatchTest extends EngineTestSupport {
    @Test
    void shouldRunOneRateLimitedBatchWithOnceThenStop() throws Exception {
        MemoryStream<Long> input = new MemoryStream<Long>("numbers").maxRecordsPerTrigger(4);
        input.addData(LongStream.range(0, 10).boxed().toList());
        StreamingQuery query = engine.readStream(input).map(v -> v * 2).writeStream().format("memory").queryName("once")
                .trigger(Trigger.once()).start();

        assertThat(query.awaitTermination(30_000)).as("stops by itself").isTrue();
        assertThat(engine.<Long>table("once").rows()).containsExactly(0L, 2L, 4L, 6L);
        assertThat(query.recentProgress()).singleElement().satisfies(p -> {
            assertThat(p.batchId()).isZero();
            assertThat(p.epochId()).isNull();
            assertThat(p.numInputRows()).isEqualTo(4);
            assertThat(p.durationMs()).containsKeys("latestOffset", "walCommit", "queryPlanning", "addBatch",
                    "commitOffsets", "triggerExecution");
        });
    }

    @Test
    void shouldProcessEverythingAvailableAtStartInRateLimitedBatchesThenStop() throws Exception {
        MemoryStream<Long> input = new MemoryStream<Long>("numbers").maxRecordsPerTrigger(4);
        input.addData(LongStream.range(0, 10).boxed().toList());
        StreamingQuery query = engine.readStream(input).writeStream().format("memory").queryName("availableNow")
                .trigger(Trigger.availableNow()).start();

        assertThat(query.awaitTermination(30_000)).as("stops by itself").isTrue();
        assertThat(engine.<Long>table("availableNow").rows()).containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(4L, 4L, 2L);
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::batchId).containsExactly(0L, 1L, 2L);
        assertThat(query.recentProgress()).extracting(p -> p.latency().count()).as("latency to each batch's end, per record")
                .containsExactly(4L, 4L, 2L);
    }

    @Test
    void shouldStartBatchesNoMoreOftenThanTheProcessingTimeInterval() {
        long started = System.nanoTime();
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
                .writeStream().format("memory").queryName("cadence").trigger(Trigger.processingTime("300 ms")).start();
        Await.until("four batches", () -> query.recentProgress().size() >= 4);
        query.stop();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        // Batch n starts at least (n - 1) intervals after the first, so n batches need that long at least. Lower
        // bound only, on the whole run: a loaded machine may be late (and a late commit may land close to the
        // next one, so the gaps between commits prove nothing), never early.
        int batches = query.recentProgress().size();
        assertThat((batches - 1) * 300L).as("%d batches in %d ms", batches, elapsedMillis).isLessThanOrEqualTo(elapsedMillis);
        assertThat(query.explainString()).contains("micro-batch").contains("source 0-rate/0 -> sink MemorySink[cadence]");
    }

    @Test
    void shouldResumeStatefulBatchesFromTheCheckpointExactlyOnce() throws Exception {
        MemoryStream<String> words = new MemoryStream<String>("words").maxRecordsPerTrigger(2);
        String checkpoint = dir.resolve("ckpt").toString();
        words.addData("a", "b", "a");
        runAvailableNow(words, checkpoint);
        assertThat(engine.table("mb-counts").asMap()).isEqualTo(Map.of("a", 2L, "b", 1L));

        words.addData("a", "c");
        runAvailableNow(words, checkpoint);
        assertThat(engine.table("mb-counts").asMap()).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 1L));
    }

    private void runAvailableNow(MemoryStream<String> words, String checkpoint) throws StreamingQueryException {
        StreamingQuery query = engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().format("memory").queryName("mb-counts").outputMode("update")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start();
        assertThat(query.awaitTermination(30_000)).isTrue();
    }

    @Test
    void shouldCommitTheSameResultInMicroBatchAsInContinuousMode() throws Exception {
        List<String> words = IntStream.range(0, 5000).mapToObj(i -> "w" + (i * 7919 % 97)).toList();
        Map<Object, Object> expected = words.stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        MemoryStream<String> continuousInput = new MemoryStream<String>("continuous");
        continuousInput.addData(words);
        StreamingQuery continuous = keyedCount(continuousInput, "continuous-counts", Trigger.continuous(20));
        Await.until("continuous mode counted everything", () -> engine.table("continuous-counts").asMap().equals(expected));
        continuous.stop();

        MemoryStream<String> batchInput = new MemoryStream<String>("batch").maxRecordsPerTrigger(700);
        batchInput.addData(words);
        StreamingQuery batch = keyedCount(batchInput, "batch-counts", Trigger.availableNow());
        assertThat(batch.awaitTermination(30_000)).isTrue();

        assertThat(engine.table("batch-counts").asMap()).isEqualTo(engine.table("continuous-counts").asMap()).isEqualTo(expected);
    }

    @Test
    void shouldEmitEachChangedKeyOncePerBatchInUpdateMode() throws Exception {
        MemoryStream<String> words = new MemoryStream<String>("words").maxRecordsPerTrigger(5);
        words.addData("a", "a", "b", "a", "b", "c");
        List<List<KeyValue<String, Long>>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamingQuery query = engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().outputMode("update").foreachBatch((rows, batchId) -> batches.add(List.copyOf(rows)))
                .option("checkpointLocation", dir.resolve("per-batch").toString())
                .trigger(Trigger.availableNow()).start();
        assertThat(query.awaitTermination(30_000)).isTrue();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(new KeyValue<>("a", 3L), new KeyValue<>("b", 2L));
        assertThat(batches.get(1)).containsExactly(new KeyValue<>("c", 1L));
    }

    private StreamingQuery keyedCount(MemoryStream<String> input, String name, Trigger trigger) {
        return engine.readStream(input).map(String::trim).groupByKey(w -> w).count()
                .writeStream().format("memory").queryName(name).outputMode("update").trigger(trigger).start();
    }
}
