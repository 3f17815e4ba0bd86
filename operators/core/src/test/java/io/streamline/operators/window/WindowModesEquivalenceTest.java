package io.streamline.operators.window;

import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.TestSeed;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.window.WindowQuery.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same pipeline over the same input, with rows out of order and late, commits the same results under
 * {@code Trigger.continuous} and {@code Trigger.processingTime}: the same emitted windows in append mode, the same
 * final table in update and complete mode. Each batch of the input is one epoch or batch in both modes
 * ({@code processAllAvailable}). The seed is printed; replay with {@code -Dstreamline.test.seed=<seed>}.
 */
class WindowModesEquivalenceTest extends EngineTestSupport {
    private static final String[] WORDS = {"owl", "dog", "cat", "fox", "emu"};
    private static final int BATCHES = Integer.getInteger("streamline.test.batches", 12);

    /** How a result is compared: appended rows as a sorted multiset, update mode's latest per key, complete's last table. */
    private enum Result { APPENDED, LATEST, LAST_TABLE }

    @Test
    void everyWindowKindCommitsTheSameResultsInBothModes() {
        List<Event[]> input = input(TestSeed.random("WindowModesEquivalenceTest"));
        compare("tumbling append", "append", Result.APPENDED, input, s -> s.withWatermark(Event::time, Duration.ofSeconds(2))
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling("5 seconds")).count());
        compare("sliding update", "update", Result.LATEST, input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .groupByKey(Event::word).via(Windows.<String, Event>sliding("6 seconds", "2 seconds", "1 second")).sum(Event::value));
        compare("sliding append", "append", Result.APPENDED, input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .groupByKey(Event::word).via(Windows.<String, Event>sliding("6 seconds", "3 seconds")).agg(Aggregators.count(),
                        Aggregators.max(Event::value)));
        compare("session append", "append", Result.APPENDED, input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .groupByKey(Event::word).via(Windows.<String, Event>session("3 seconds")).count());
        compare("session complete", "complete", Result.LAST_TABLE, input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .groupByKey(Event::word).via(Windows.<String, Event>session(e -> 500 + e.value() * 100)).avg(Event::value));
        compare("tumbling complete", "complete", Result.LAST_TABLE, input, s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling("4 seconds")).min(Event::value));
    }

    /** Batches of events whose times mostly advance, with rows out of order and some far behind the watermark. */
    private static List<Event[]> input(Random random) {
        List<Event[]> batches = new ArrayList<>();
        long base = 10_000;
        for (int b = 0; b < BATCHES; b++) {
            Event[] batch = new Event[1 + random.nextInt(30)];
            for (int i = 0; i < batch.length; i++) {
                long time = switch (random.nextInt(10)) {
                    case 0 -> base - 3_000 - random.nextInt(6_000); // late: behind most watermarks
                    case 1, 2 -> base - random.nextInt(2_000); // out of order, within the delay
                    default -> base + random.nextInt(1_500);
                };
                batch[i] = new Event(WORDS[random.nextInt(WORDS.length)], Math.max(0, time), random.nextInt(10));
            }
            batches.add(batch);
            base += random.nextInt(2_500);
        }
        batches.add(new Event[]{new Event("end", base + 60_000, 0)}); // moves the watermark past every earlier window
        return batches;
    }

    private <R> void compare(String name, String outputMode, Result result, List<Event[]> input,
                             Function<DataStream<Event>, DataStream<R>> pipeline) {
        List<String> continuous = run(name, "continuous", outputMode, result, input, pipeline);
        List<String> microBatch = run(name, "microbatch", outputMode, result, input, pipeline);
        assertThat(continuous).as(name + ": continuous against micro-batch").isEqualTo(microBatch);
        assertThat(microBatch).as(name + " has results").isNotEmpty();
    }

    private <R> List<String> run(String name, String mode, String outputMode, Result result, List<Event[]> input,
                                 Function<DataStream<Event>, DataStream<R>> pipeline) {
        MemoryStream<Event> events = new MemoryStream<>("events");
        String checkpoint = (name + "-" + mode).replace(' ', '-');
        try (WindowQuery<R> q = new WindowQuery<>(engine, events, mode, outputMode, dir.resolve(checkpoint), pipeline)) {
            input.forEach(q::feed);
            List<String> rows = switch (result) {
                case APPENDED -> new ArrayList<>(q.rows().stream().map(String::valueOf).toList());
                case LATEST -> new ArrayList<>(q.table().entrySet().stream().map(String::valueOf).toList());
                case LAST_TABLE -> new ArrayList<>(q.lastTable().entrySet().stream().map(String::valueOf).toList());
            };
            rows.sort(Comparator.naturalOrder());
            return rows;
        }
    }
}
