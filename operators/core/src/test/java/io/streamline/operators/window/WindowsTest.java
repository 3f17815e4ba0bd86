package io.streamline.operators.window;

import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.KeyValue;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.window.WindowQuery.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.streamline.operators.window.WindowQuery.Event.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tumbling, sliding and session windows in both modes, against Spark's semantics: when append mode emits a
 * window, which late rows are dropped (per window row), what update and complete mode emit, state eviction and
 * its progress counters, and the restart on a checkpoint.
 */
class WindowsTest extends EngineTestSupport {
    private final MemoryStream<Event> events = new MemoryStream<>("events");

    private <R> WindowQuery<R> query(String mode, String outputMode, Function<DataStream<Event>, DataStream<R>> pipeline) {
        return query(mode, outputMode, "cp", pipeline);
    }

    private <R> WindowQuery<R> query(String mode, String outputMode, String checkpoint, Function<DataStream<Event>, DataStream<R>> pipeline) {
        return new WindowQuery<>(engine, events, mode, outputMode, dir.resolve(checkpoint), pipeline);
    }

    private static Function<DataStream<Event>, DataStream<KeyValue<Windowed<String>, Long>>> tumblingCount(long delayMillis) {
        return s -> s.withWatermark(Event::time, Duration.ofMillis(delayMillis)).groupByKey(Event::word)
                .via(Windows.<String, Event>tumbling(Duration.ofSeconds(10))).count();
    }

    private static <K, V> KeyValue<Windowed<K>, V> row(K key, long start, long end, V value) {
        return new KeyValue<>(new Windowed<>(key, start, end), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void appendModeEmitsAWindowOnceTheWatermarkReachesItsEndAndDropsLaterRowsForIt(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query(mode, "append", tumblingCount(5_000));
        q.feed(of("a", 1_000), of("a", 2_000), of("b", 12_000)); // watermark 7 000 afterwards
        assertThat(q.rows()).as("no window ends at or below the first batch's watermark").isEmpty();
        q.feed(of("a", 3_000), of("c", 26_000)); // a is behind the max event time but its window is open; watermark 21 000
        assertThat(q.rows()).as("windows in the order of their ends").containsExactly(row("a", 0, 10_000, 3L), row("b", 10_000, 20_000, 1L));
        q.feed(of("a", 4_000), of("b", 19_999), of("c", 21_500)); // the first two belong to closed windows
        assertThat(q.rows()).as("nothing emitted twice, late rows added nowhere").hasSize(2);

        assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(2);
        assertThat(q.total(StateOperatorProgress::numRowsRemoved)).as("evicted windows").isEqualTo(2);
        assertThat(q.lastStateOperators()).singleElement().satisfies(op -> {
            assertThat(op.numRowsTotal()).as("only c's window [20 000, 30 000) is left in state").isEqualTo(1);
            assertThat(op.memoryUsedBytes()).isPositive();
        });
        assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "1970-01-01T00:00:21Z")
                .containsKeys("min", "max", "avg");
    }

    /**
     * A window's row carries the window's last millisecond as its event time and the watermark passed on stays below
     * it, so a second event-time window over the first one's rows places each in the window it closes and drops none:
     * {@code [50 s, 60 s)} lands in the minute {@code [0, 60 s)} (it would land in the next minute with the end as event
     * time), and the rows emitted when the watermark reached 59 999 or 125 000 are not late for the second window
     * (they would be if it were passed on unchanged).
     */
    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void aWindowedCountFeedsASecondEventTimeWindowInAppendMode(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query(mode, "append", s -> tumblingCount(0).apply(s)
                .map(kv -> new Event(kv.key().key(), kv.key().end() - 1, kv.value()))
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling(Duration.ofMinutes(1))).sum(Event::value));
        q.feed(of("a", 1_000), of("a", 2_000), of("b", 55_000), of("a", 59_999)); // watermark 59 999: [0, 10 s) closes
        q.feed(of("a", 65_000), of("a", 125_000)); // watermark 125 000: [50 s, 60 s) and [60 s, 70 s) close
        assertThat(q.rows()).containsExactlyInAnyOrder(row("a", 0, 60_000, 3L), row("b", 0, 60_000, 1L),
                row("a", 60_000, 120_000, 1L));
        assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).as("no window row late downstream").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void aSlidingWindowRowIsDroppedOnlyForTheWindowsTheWatermarkClosed(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query(mode, "update", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>sliding("10 seconds", "5 seconds")).count());
        q.feed(of("a", 12_000)); // windows [5 000, 15 000) and [10 000, 20 000); watermark 12 000
        q.feed(of("a", 9_000)); // [0, 10 000) is closed, [5 000, 15 000) open
        Map<Windowed<String>, Long> table = q.table();
        assertThat(table).containsOnly(entry(new Windowed<>("a", 5_000, 15_000), 2L), entry(new Windowed<>("a", 10_000, 20_000), 1L));
        assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).as("one window row of the second event").isEqualTo(1);
    }

    @Test
    void windowsStartAtTheGivenOffset() {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query("microbatch", "complete", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>sliding("10 seconds", "10 seconds", "3 seconds")).count());
        q.feed(of("a", 2_999), of("a", 3_000), of("a", 12_999));
        assertThat(q.lastTable()).containsOnly(entry(new Windowed<>("a", -7_000, 3_000), 1L), entry(new Windowed<>("a", 3_000, 13_000), 2L));
    }

    @Test
    void microBatchUpdateModeEmitsEachChangedWindowOncePerBatchWithItsValueAtTheEnd() {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query("microbatch", "update", tumblingCount(60_000));
        q.feed(of("a", 1_000), of("a", 2_000), of("b", 3_000));
        q.feed(of("a", 4_000));
        List<List<KeyValue<Windowed<String>, Long>>> nonEmpty = q.batches().stream().filter(b -> !b.isEmpty()).toList();
        assertThat(nonEmpty).hasSize(2);
        assertThat(nonEmpty.get(0)).containsExactlyInAnyOrder(row("a", 0, 10_000, 2L), row("b", 0, 10_000, 1L));
        assertThat(nonEmpty.get(1)).containsExactly(row("a", 0, 10_000, 3L));
    }

    @Test
    void continuousUpdateModeEmitsEveryChangeAsItHappens() {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query("continuous", "update", tumblingCount(60_000));
        q.feed(of("a", 1_000), of("a", 2_000), of("b", 3_000));
        assertThat(q.rows()).containsExactly(row("a", 0, 10_000, 1L), row("a", 0, 10_000, 2L), row("b", 0, 10_000, 1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void completeModeEmitsTheWholeTableEachTriggerAndNeverDropsOrEvicts(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query(mode, "complete", tumblingCount(0));
        q.feed(of("a", 12_000));
        q.feed(of("a", 1_000), of("b", 2_000)); // behind the watermark 12 000: kept in complete mode
        q.feed(of("c", 30_000));
        assertThat(q.batches().get(q.batches().size() - 1)).containsExactlyInAnyOrder(row("a", 0, 10_000, 1L),
                row("b", 0, 10_000, 1L), row("a", 10_000, 20_000, 1L), row("c", 30_000, 40_000, 1L));
        assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isZero();
        assertThat(q.lastStateOperators().get(0).numRowsTotal()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void sessionsMergeRecordsWithinTheGapAndCloseWhenTheWatermarkPassesTheirEnd(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query(mode, "append", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>session("5 seconds")).count());
        q.feed(of("a", 1_000), of("a", 4_000), of("b", 2_000)); // a: [1 000, 9 000), b: [2 000, 7 000); watermark 4 000
        q.feed(of("a", 9_000), of("b", 1_500), of("c", 30_000)); // a at its session's end joins it; b extends backwards
        assertThat(q.rows()).containsExactly(row("b", 1_500, 7_000, 2L), row("a", 1_000, 14_000, 3L));
        q.feed(of("d", 20_000), of("c", 26_000)); // d's own session [20 000, 25 000) is closed: dropped; c joins [30 000, 35 000)
        q.feed(of("e", 50_000));
        assertThat(q.rows()).containsExactly(row("b", 1_500, 7_000, 2L), row("a", 1_000, 14_000, 3L), row("c", 26_000, 35_000, 2L));
        assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
    }

    @Test
    void aSessionGapCanBeComputedPerRecordAndARecordCanBridgeTwoSessions() {
        WindowQuery<KeyValue<Windowed<String>, Long>> q = query("microbatch", "complete", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>session(Event::value)).count());
        q.feed(new Event("a", 1_000, 1_000), new Event("a", 2_500, 500));
        assertThat(q.lastTable()).containsOnly(entry(new Windowed<>("a", 1_000, 2_000), 1L), entry(new Windowed<>("a", 2_500, 3_000), 1L));
        q.feed(new Event("a", 1_800, 800)); // [1 800, 2 600) overlaps both
        assertThat(q.lastTable()).containsOnly(entry(new Windowed<>("a", 1_000, 3_000), 3L));
    }

    @Test
    void everyAggregateFunctionPerWindow() {
        Function<DataStream<Event>, DataStream<KeyValue<Windowed<String>, List<Object>>>> all = s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling("10 seconds")).agg(Aggregators.count(),
                        Aggregators.sum(Event::value), Aggregators.min(Event::value), Aggregators.max(Event::value),
                        Aggregators.avg(Event::value), Aggregators.reduce((Event x, Event y) -> x.value() >= y.value() ? x : y));
        WindowQuery<KeyValue<Windowed<String>, List<Object>>> q = query("microbatch", "complete", all);
        q.feed(new Event("a", 1_000, 4), new Event("a", 2_000, 10), new Event("a", 3_000, 1), new Event("b", 11_000, 7));
        assertThat(q.lastTable()).containsOnly(
                entry(new Windowed<>("a", 0, 10_000), List.of(3L, 15L, 1L, 10L, 5.0, new Event("a", 2_000, 10))),
                entry(new Windowed<>("b", 10_000, 20_000), List.of(1L, 7L, 7L, 7L, 7.0, new Event("b", 11_000, 7))));
    }

    @Test
    void theSingleAggregatesHaveTheirOwnShortcuts() throws Exception {
        MemoryStream<Event> in = events;
        Function<DataStream<Event>, WindowedStream<String, Event>> windows = s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>tumbling("10 seconds"));
        WindowQuery<KeyValue<Windowed<String>, Long>> sum = query("microbatch", "complete", "sum", s -> windows.apply(s).sum(Event::value));
        WindowQuery<KeyValue<Windowed<String>, Long>> min = query("microbatch", "complete", "min", s -> windows.apply(s).min(Event::value));
        WindowQuery<KeyValue<Windowed<String>, Long>> max = query("microbatch", "complete", "max", s -> windows.apply(s).max(Event::value));
        WindowQuery<KeyValue<Windowed<String>, Double>> avg = query("microbatch", "complete", "avg", s -> windows.apply(s).avg(Event::value));
        WindowQuery<KeyValue<Windowed<String>, Event>> reduce = query("microbatch", "complete", "reduce", s -> windows.apply(s)
                .reduce((x, y) -> new Event(x.word(), Math.max(x.time(), y.time()), x.value() * y.value())));
        in.addData(new Event("a", 1_000, 2), new Event("a", 2_000, 3));
        for (WindowQuery<?> q : List.of(sum, min, max, avg, reduce)) {
            q.query().processAllAvailable();
        }
        Windowed<String> a = new Windowed<>("a", 0, 10_000);
        assertThat(sum.lastTable()).containsOnly(entry(a, 5L));
        assertThat(min.lastTable()).containsOnly(entry(a, 2L));
        assertThat(max.lastTable()).containsOnly(entry(a, 3L));
        assertThat(avg.lastTable()).containsOnly(entry(a, 2.5));
        assertThat(reduce.lastTable()).containsOnly(entry(a, new Event("a", 2_000, 6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void windowStateSurvivesARestartOnTheCheckpoint(String mode) {
        WindowQuery<KeyValue<Windowed<String>, Long>> first = query(mode, "append", "restart", tumblingCount(0));
        first.feed(of("a", 1_000), of("a", 2_000), of("b", 5_000));
        first.close();
        WindowQuery<KeyValue<Windowed<String>, Long>> second = query(mode, "append", "restart", tumblingCount(0));
        second.feed(of("a", 6_000), of("z", 10_000));
        assertThat(second.rows()).containsExactlyInAnyOrder(row("a", 0, 10_000, 3L), row("b", 0, 10_000, 1L));
        second.feed(of("a", 9_000)); // the restored watermark 10 000 closed the window
        assertThat(second.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
    }

    @Test
    void outputModesFollowSparksRules() {
        assertThatThrownBy(() -> query("microbatch", "append", s -> s.groupByKey(Event::word)
                .via(Windows.<String, Event>tumbling("10 seconds")).count()))
                .hasMessageContaining("Append output mode not supported for a windowed aggregation without a watermark")
                .hasMessageContaining("withWatermark");
        assertThatThrownBy(() -> query("microbatch", "update", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).via(Windows.<String, Event>session("1 second")).count()))
                .hasMessageContaining("Update output mode not supported for session window");
        assertThatThrownBy(() -> query("microbatch", "append", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::word).count()))
                .hasMessageContaining("Append output mode not supported for streaming aggregations (count, sum, reduce)");
    }

    @Test
    void badWindowParametersAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Windows.sliding("5 seconds", "10 seconds"))
                .hasMessageContaining("slide duration (10000 ms) must be less than or equal to the window duration (5000 ms)");
        assertThatThrownBy(() -> Windows.sliding("10 seconds", "5 seconds", "5 seconds"))
                .hasMessageContaining("start time (5000 ms) must be less in absolute value than the slide duration");
        assertThatThrownBy(() -> Windows.session(Duration.ZERO)).hasMessageContaining("gap duration must be positive");
        assertThatThrownBy(() -> Windows.tumbling(Duration.ofSeconds(-1))).hasMessageContaining("window duration must be positive");
    }

    @Test
    void aRecordWithoutEventTimeOrWithANonPositiveGapStopsTheQueryNamingIt() {
        WindowQuery<KeyValue<Windowed<String>, Long>> noTime = query("microbatch", "update", "noTime", s -> s.groupByKey(Event::word)
                .via(Windows.<String, Event>tumbling("10 seconds")).count());
        events.addData(of("a", 1));
        assertThatThrownBy(() -> noTime.query().processAllAvailable()).hasStackTraceContaining("needs the event time of the record")
                .hasStackTraceContaining("withWatermark");
        WindowQuery<KeyValue<Windowed<String>, Long>> badGap = query("microbatch", "complete", "badGap", s -> s
                .withWatermark(Event::time, Duration.ZERO).groupByKey(Event::word).via(Windows.<String, Event>session(Event::value)).count());
        events.addData(new Event("a", 1, 0));
        assertThatThrownBy(() -> badGap.query().processAllAvailable()).hasStackTraceContaining("session window gap of the record")
                .hasStackTraceContaining("is 0 ms");
    }
}
