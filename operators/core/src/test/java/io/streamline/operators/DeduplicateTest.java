package io.streamline.operators;

import io.streamline.engine.Await;
import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.TestSeed;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dropDuplicates} without and with a watermark, with the event time in the key, and
 * {@code dropDuplicatesWithinWatermark}, in both modes, as Spark defines them: which duplicates pass, which rows are
 * late, when keys are forgotten, and the same output in both modes over random input.
 */
class DeduplicateTest extends EngineTestSupport {
    record Event(String id, long time) implements Serializable {
    }

    /** A query whose every {@link #feed} is one epoch or batch; the rows passed are collected. */
    private final class Dedup implements AutoCloseable {
        private final MemoryStream<Event> input = new MemoryStream<>("events");
        private final List<Event> passed = new CopyOnWriteArrayList<>();
        private final StreamingQuery query;

        Dedup(String mode, String checkpoint, Function<DataStream<Event>, DataStream<Event>> pipeline) {
            query = pipeline.apply(engine.readStream(input)).writeStream().foreachBatch((rows, id) -> passed.addAll(rows))
                    .option("checkpointLocation", dir.resolve(checkpoint).toString())
                    .trigger(mode.equals("continuous") ? Trigger.continuous(Duration.ofHours(1)) : Trigger.processingTime(10))
                    .start();
        }

        Dedup feed(Event... events) {
            input.addData(events);
            TestQueries.processAll(query);
            return this;
        }

        long total(Function<StateOperatorProgress, Long> counter) {
            return TestQueries.total(query, counter);
        }

        long stateRows() {
            return TestQueries.stateRows(query);
        }

        @Override
        public void close() {
            query.stop();
        }
    }

    private static Function<DataStream<Event>, DataStream<Event>> watermarked(long delay, Function<DataStream<Event>, DataStream<Event>> dedup) {
        return s -> s.withWatermark(Event::time, Duration.ofMillis(delay)).via(dedup);
    }

    @Test
    void shouldPassTheFirstRecordOfEachKeyAcrossARestart() {
        MemoryStream<Event> events = new MemoryStream<>("events");
        String checkpoint = dir.resolve("ckpt").toString();
        events.addData(new Event("a", 1), new Event("b", 2), new Event("a", 3));
        StreamingQuery first = start(events, checkpoint);
        awaitRows(2);
        first.stop();
        assertThat(engine.table("unique").rows()).containsExactly(new Event("a", 1), new Event("b", 2));

        events.addData(new Event("b", 4), new Event("c", 5)); // b was seen before the restart
        start(events, checkpoint);
        awaitRows(3);
        assertThat(engine.table("unique").rows()).containsExactly(new Event("a", 1), new Event("b", 2), new Event("c", 5));
    }

    private StreamingQuery start(MemoryStream<Event> events, String checkpoint) {
        return engine.readStream(events).via(Deduplicate.by(Event::id))
                .writeStream().format("memory").queryName("unique").option("checkpointLocation", checkpoint)
                .trigger(Trigger.continuous(Duration.ofMillis(20))).start();
    }

    private void awaitRows(int n) {
        Await.until(n + " unique rows", () -> engine.table("unique").rows().size() >= n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void withAWatermarkLateRowsAreDroppedButKeysAreNeverForgotten(String mode) {
        try (Dedup q = new Dedup(mode, "by", watermarked(1_000, Deduplicate.by(Event::id)))) {
            q.feed(new Event("a", 1_000), new Event("b", 5_000)); // watermark 4 000
            q.feed(new Event("c", 4_000), new Event("d", 4_001), new Event("a", 100_000)); // c is late; a a duplicate
            q.feed(new Event("a", 200_000));
            assertThat(q.passed).containsExactly(new Event("a", 1_000), new Event("b", 5_000), new Event("d", 4_001));
            assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
            assertThat(q.stateRows()).as("every key kept").isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void withTheEventTimeInTheKeyKeysAreForgottenOnceTheWatermarkReachesThem(String mode) {
        try (Dedup q = new Dedup(mode, "withTime", watermarked(0, Deduplicate.byKeyAndEventTime(Event::id)))) {
            q.feed(new Event("a", 1_000), new Event("a", 1_000), new Event("a", 2_000)); // watermark 2 000
            assertThat(q.passed).containsExactly(new Event("a", 1_000), new Event("a", 2_000));
            q.feed(new Event("a", 3_000)); // watermark 3 000: both earlier keys forgotten at the next boundary
            q.feed(new Event("a", 3_000), new Event("b", 3_500));
            assertThat(q.passed).containsExactly(new Event("a", 1_000), new Event("a", 2_000), new Event("a", 3_000),
                    new Event("b", 3_500));
            assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).as("a@3000 came at watermark 3000").isEqualTo(1);
            assertThat(q.total(StateOperatorProgress::numRowsRemoved)).as("every key, once the watermark reached it").isEqualTo(4);
            assertThat(q.stateRows()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void withinTheWatermarkAKeyIsRememberedForTheDelayAfterItsFirstEventTime(String mode) {
        try (Dedup q = new Dedup(mode, "within", watermarked(1_000, Deduplicate.withinWatermark(Event::id)))) {
            q.feed(new Event("a", 1_000), new Event("a", 1_500)); // a remembered until the watermark reaches 2 000
            q.feed(new Event("x", 2_900), new Event("a", 1_900)); // watermark 1 900: a still remembered
            q.feed(new Event("x", 3_100)); // watermark 2 100 evicts a
            q.feed(new Event("a", 2_200), new Event("a", 2_050)); // a passes again; a@2050 is late (watermark 2 100)
            assertThat(q.passed).containsExactly(new Event("a", 1_000), new Event("x", 2_900), new Event("a", 2_200));
            assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
        }
    }

    @Test
    void withinWatermarkNeedsAWatermark() {
        assertThatThrownBy(() -> new Dedup("microbatch", "none", s -> s.via(Deduplicate.withinWatermark(Event::id))))
                .hasMessageContaining("dropDuplicatesWithinWatermark is not supported on a stream without a watermark");
    }

    @Test
    void everyDeduplicationPassesTheSameRowsInBothModes() {
        Random random = TestSeed.random("DeduplicateTest.modes");
        List<Event[]> batches = new ArrayList<>();
        long base = 1_000;
        for (int b = 0; b < 10; b++) {
            Event[] batch = new Event[1 + random.nextInt(25)];
            for (int i = 0; i < batch.length; i++) {
                long time = random.nextInt(8) == 0 ? base - 2_000 - random.nextInt(3_000) : base + random.nextInt(1_000) - 500;
                batch[i] = new Event("k" + random.nextInt(12), Math.max(0, time / 100 * 100));
            }
            batches.add(batch);
            base += random.nextInt(1_500);
        }
        List<Function<DataStream<Event>, DataStream<Event>>> dedups = List.of(watermarked(500, Deduplicate.by(Event::id)),
                watermarked(500, Deduplicate.byKeyAndEventTime(Event::id)), watermarked(700, Deduplicate.withinWatermark(Event::id)));
        for (int d = 0; d < dedups.size(); d++) {
            List<String> results = new ArrayList<>();
            for (String mode : List.of("continuous", "microbatch")) {
                try (Dedup q = new Dedup(mode, "modes-" + d + "-" + mode, dedups.get(d))) {
                    batches.forEach(q::feed);
                    results.add(q.passed.stream().map(Event::toString).sorted(Comparator.naturalOrder()).toList().toString());
                }
            }
            assertThat(results.get(0)).as("dedup %d: continuous against micro-batch", d).isEqualTo(results.get(1));
        }
    }
}
