package io.streamline.operators.window;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.TestSeed;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.Deduplicate;
import io.streamline.operators.window.WindowQuery.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyed operators of this module give the same results with one, two and four instances behind the engine's
 * key-partitioned exchange, reading two source partitions, in both modes: their state and timers are split into
 * key groups like the engine's own aggregations. The seed is printed; replay with {@code -Dstreamline.test.seed=<seed>}.
 */
class WindowParallelismTest {
    private static final String[] WORDS = {"owl", "dog", "cat", "fox", "emu", "yak", "ant", "bee"};

    @TempDir
    Path dir;

    @Test
    void windowsAndDeduplicationCommitTheSameResultsAtEveryParallelism() {
        List<Event[]> input = input(TestSeed.random("WindowParallelismTest"));
        compare("tumbling", "append", input, s -> s.withWatermark(Event::time, Duration.ofSeconds(2))
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling("5 seconds")).count());
        compare("session", "append", input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .groupByKey(Event::word).via(Windows.<String, Event>session("3 seconds")).sum(Event::value));
        // Which of two equal-keyed records of different partitions comes first is not fixed, so the key is the whole
        // of what is compared: the word and the event time.
        compare("dedup", "append", input, s -> s.withWatermark(Event::time, Duration.ofSeconds(1))
                .via(Deduplicate.byKeyAndEventTime(Event::word)).map(e -> e.word() + "@" + e.time()));
    }

    private static List<Event[]> input(Random random) {
        List<Event[]> batches = new ArrayList<>();
        long base = 10_000;
        for (int b = 0; b < 10; b++) {
            Event[] batch = new Event[2 + random.nextInt(40)];
            for (int i = 0; i < batch.length; i++) {
                long time = random.nextInt(8) == 0 ? base - 4_000 - random.nextInt(4_000) : base + random.nextInt(1_500);
                batch[i] = new Event(WORDS[random.nextInt(WORDS.length)], Math.max(0, time), random.nextInt(5));
            }
            batches.add(batch);
            base += random.nextInt(2_500);
        }
        batches.add(new Event[]{new Event("end", base + 60_000, 0), new Event("end", base + 60_000, 1)});
        return batches;
    }

    private <R> void compare(String name, String outputMode, List<Event[]> input,
                             Function<DataStream<Event>, DataStream<R>> pipeline) {
        for (String mode : new String[]{"continuous", "microbatch"}) {
            List<String> one = run(name, mode, 1, outputMode, input, pipeline);
            assertThat(one).as("%s in %s mode has results", name, mode).isNotEmpty();
            for (int parallelism : new int[]{2, 4}) {
                assertThat(run(name, mode, parallelism, outputMode, input, pipeline))
                        .as("%s in %s mode at parallelism %d", name, mode, parallelism).isEqualTo(one);
            }
        }
    }

    private <R> List<String> run(String name, String mode, int parallelism, String outputMode, List<Event[]> input,
                                 Function<DataStream<Event>, DataStream<R>> pipeline) {
        MemoryStream<Event> events = new MemoryStream<>("events", 2);
        try (StreamEngine engine = StreamEngine.builder().parallelism(parallelism).build();
             WindowQuery<R> q = new WindowQuery<>(engine, events, mode, outputMode,
                     dir.resolve(name + "-" + mode + "-" + parallelism), pipeline)) {
            input.forEach(q::feed);
            assertThat(q.lastStateOperators()).allSatisfy(state -> assertThat(state.numInstances()).isEqualTo(parallelism));
            List<String> rows = new ArrayList<>(q.rows().stream().map(String::valueOf).toList());
            rows.sort(Comparator.naturalOrder());
            return rows;
        }
    }
}
