package io.streamline.engine;

import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Timer;
import io.streamline.engine.operator.TwoInputOperator;
import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Event time end to end, in both modes: the watermark is the largest event time seen minus the delay, advances
 * only at epoch or batch boundaries, reaches operators with the marker, is the minimum across two streams, and
 * fires event-time timers, which survive a restart on the checkpoint.
 */
class EventTimeTest extends EngineTestSupport {
    /** An event: key and event time in epoch milliseconds. */
    record Event(String key, long time) {
    }

    /** What the probe operators saw, in order: records with the watermark in force, watermarks, timers. */
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Records what it sees and registers an event-time timer at each event's time + 100; stateful through its timers. */
    static final class Probe implements Operator<Event, Event> {
        private final OperatorContext context;

        Probe(OperatorContext context) {
            this.context = context;
            context.timers(); // asked for when created: the engine checkpoints them
        }

        @Override
        public void process(Event value, RecordMeta meta, Output<Event> out) {
            SEEN.add(value.key() + "@" + meta.eventTime() + " under " + Watermarks.describe(context.currentWatermark()));
            context.timers().registerEventTimeTimer(value.key(), value.time() + 100);
            out.emit(value);
        }

        @Override
        public void onTimer(Timer timer, Output<Event> out) {
            SEEN.add("timer " + timer.key() + " " + timer.timestamp());
        }

        @Override
        public void onWatermark(long watermark, Output<Event> out) {
            SEEN.add("watermark " + watermark);
        }
    }

    private static Trigger trigger(String mode) {
        return mode.equals("continuous") ? Trigger.continuous(20) : Trigger.processingTime(20);
    }

    private StreamingQuery start(DataStream<Event> events, String mode, String checkpoint) {
        return events.transform("probe", Probe::new).writeStream().format("memory").queryName("probe-" + mode)
                .option("checkpointLocation", dir.resolve(checkpoint).toString()).trigger(trigger(mode)).start();
    }

    /** Adds rows and waits until they are committed, so each call is its own epoch or batch. */
    private static void addAndCommit(StreamingQuery query, MemoryStream<Event> stream, Event... rows) {
        stream.addData(rows);
        awaitCommitted(query, stream);
    }

    /** Waits until a commit of {@code query} covers every row of {@code stream}. */
    private static void awaitCommitted(StreamingQuery query, MemoryStream<Event> stream) {
        String offset = "\"" + stream.size() + "\"";
        Await.until(stream.description() + " committed up to " + stream.size(), () -> query.recentProgress().stream()
                .flatMap(p -> p.sources().stream())
                .anyMatch(s -> s.description().equals(stream.description()) && s.endOffset() != null
                        && s.endOffset().contains(offset)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void shouldAdvanceTheWatermarkOnlyAtBoundariesAndFireTimersWhenItPassesThem(String mode) {
        SEEN.clear();
        MemoryStream<Event> events = new MemoryStream<>("events");
        StreamingQuery query = start(engine.readStream(events).withWatermark(Event::time, Duration.ofMillis(10)), mode, "cp");

        addAndCommit(query, events, new Event("a", 1_000), new Event("b", 500));
        Await.until("the watermark 990 reached the operator", () -> SEEN.contains("watermark 990"));
        addAndCommit(query, events, new Event("late", 900)); // behind the watermark: still delivered, judged by 990
        addAndCommit(query, events, new Event("c", 1_200));
        Await.until("the watermark 1190 reached the operator", () -> SEEN.contains("watermark 1190"));
        query.stop();

        assertThat(SEEN).containsSubsequence("a@1000 under none", "b@500 under none", "timer b 600", "watermark 990",
                "late@900 under 990", "c@1200 under 990", "timer late 1000", "timer a 1100", "watermark 1190");
        assertThat(SEEN).doesNotContain("timer c 1300");
        assertThat(query.lastProgress().eventTime()).containsKey("watermark");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void shouldRestoreTheWatermarkAndPendingTimersAfterARestart(String mode) {
        SEEN.clear();
        MemoryStream<Event> events = new MemoryStream<>("events");
        DataStream<Event> stream = engine.readStream(events).withWatermark(Event::time, Duration.ZERO);
        StreamingQuery first = start(stream, mode, "restart");
        addAndCommit(first, events, new Event("a", 1_000));
        addAndCommit(first, events, new Event("b", 1_050));
        Await.until("the watermark 1050 reached the operator", () -> SEEN.contains("watermark 1050"));
        first.stop();
        assertThat(SEEN).as("neither timer is due yet").noneMatch(s -> s.startsWith("timer"));

        SEEN.clear();
        StreamingQuery second = start(stream, mode, "restart");
        addAndCommit(second, events, new Event("c", 1_120));
        Await.until("timer a fired after the restart", () -> SEEN.contains("timer a 1100"));
        second.stop();
        assertThat(SEEN).as("the restored watermark judges the first record after the restart")
                .contains("c@1120 under 1050").doesNotContain("timer b 1150");
    }

    @Test
    void shouldTakeTheSmallerWatermarkOfTwoStreams() {
        SEEN.clear();
        MemoryStream<Event> fast = new MemoryStream<>("fast");
        MemoryStream<Event> slow = new MemoryStream<>("slow");
        DataStream<Event> union = engine.readStream(fast).withWatermark(Event::time, Duration.ZERO)
                .union(engine.readStream(slow).withWatermark(Event::time, Duration.ZERO));
        StreamingQuery query = start(union, "continuous", "union");
        addAndCommit(query, slow, new Event("s", 2_000));
        Await.until("the watermark 2000 reached the operator", () -> SEEN.contains("watermark 2000"));
        addAndCommit(query, fast, new Event("f", 5_000));
        addAndCommit(query, slow, new Event("s2", 7_000));
        Await.until("the watermark 5000 reached the operator", () -> SEEN.contains("watermark 5000"));
        query.stop();
        assertThat(SEEN).as("each watermark the smaller of the two streams'")
                .containsSubsequence("watermark 2000", "f@5000 under 2000", "s2@7000 under 2000", "watermark 5000")
                .doesNotContain("watermark 7000");
    }

    /** Pairs each left record with the right records seen so far by key; reports both inputs' watermarks. */
    static final class PairUp implements TwoInputOperator<Event, Event, String> {
        private final OperatorContext context;
        private final KeyedState<String, Long> right = new KeyedState<>();

        PairUp(OperatorContext context) {
            this.context = context;
        }

        @Override
        public void processLeft(Event value, RecordMeta meta, Output<String> out) {
            Long match = right.get(value.key());
            out.emit(value.key() + ":" + value.time() + "-" + match);
        }

        @Override
        public void processRight(Event value, RecordMeta meta, Output<String> out) {
            right.put(value.key(), value.time());
        }

        @Override
        public void onWatermark(long watermark, Output<String> out) {
            SEEN.add("watermark " + watermark + " left " + Watermarks.describe(context.inputWatermark(0)) + " right "
                    + Watermarks.describe(context.inputWatermark(1)));
        }

        @Override
        public OperatorState state() {
            return right;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void shouldRunATwoInputOperatorWithAWatermarkPerInput(String mode) {
        SEEN.clear();
        MemoryStream<Event> left = new MemoryStream<>("left");
        MemoryStream<Event> right = new MemoryStream<>("right");
        StreamingQuery query = engine.readStream(left).withWatermark(Event::time, Duration.ZERO)
                .transformWith(engine.readStream(right).withWatermark(Event::time, Duration.ZERO), "pairUp", PairUp::new)
                .writeStream().format("memory").queryName("pairs-" + mode)
                .option("checkpointLocation", dir.resolve("pairs").toString()).trigger(trigger(mode)).start();
        right.addData(new Event("k", 300));
        awaitCommitted(query, right);
        left.addData(new Event("k", 400), new Event("j", 410));
        Await.until("both left records committed", () -> engine.table("pairs-" + mode).rows().size() == 2);
        right.addData(new Event("k", 500));
        Await.until("the smaller of both inputs' watermarks reached the operator",
                () -> SEEN.contains("watermark 410 left 410 right 500"));
        query.stop();
        assertThat(engine.table("pairs-" + mode).rows()).containsExactlyInAnyOrder("k:400-300", "j:410-null");
        assertThat(SEEN).as("a watermark of the right input alone first").first().isEqualTo("watermark 300 left none right 300");
        if (mode.equals("continuous")) {
            assertThat(query.explainString()).contains("fanin-").contains("pairUp");
        }
    }

    @Test
    void shouldCallForeachBatchForTheBatchWithoutDataThatAMovedWatermarkStarts() {
        MemoryStream<Event> events = new MemoryStream<>("events");
        List<String> batches = new CopyOnWriteArrayList<>();
        StreamingQuery query = engine.readStream(events).withWatermark(Event::time, Duration.ZERO)
                .transform("probe", Probe::new).writeStream()
                .option("checkpointLocation", dir.resolve("nodata").toString())
                .foreachBatch((rows, id) -> batches.add(id + ":" + rows.size()))
                .trigger(Trigger.processingTime(20)).start();
        events.addData(new Event("a", 1_000));
        Await.until("a batch with data and the batch without data after it", () -> batches.size() >= 2);
        query.stop();
        assertThat(batches.subList(0, 2)).containsExactly("0:1", "1:0");
    }

    @Test
    void shouldRefuseANegativeDelayAndAnEventTimeFunctionThatFailsOrReturnsGarbage() {
        MemoryStream<Event> events = new MemoryStream<>("events");
        assertThatThrownBy(() -> engine.readStream(events).withWatermark(Event::time, Duration.ofSeconds(-1)))
                .hasMessageContaining("withWatermark delay must not be negative");
        assertThatThrownBy(() -> engine.readStream(events).withWatermark(Event::time, "ten minutes"))
                .hasMessageContaining("withWatermark delay has an unparsable duration 'ten minutes'");

        StreamingQuery failing = engine.readStream(events).withWatermark(e -> {
                    if (e.key().equals("bad")) {
                        throw new IllegalStateException("no time");
                    }
                    return e.key().equals("negative") ? -5 : e.time();
                }, "1 second").writeStream().format("memory").queryName("bad-times").start();
        events.addData(new Event("negative", 1));
        Await.until("the query failed", () -> !failing.isActive());
        assertThat(failing.exception()).get().extracting(Throwable::getCause).asString()
                .contains("the event time of record 'Event[key=negative, time=1]' is -5; event times are epoch milliseconds");
    }

    @Test
    void shouldReportTheEventTimeBlockAndPerOperatorCountsInProgress() {
        MemoryStream<Event> events = new MemoryStream<>("events");
        StreamingQuery query = start(engine.readStream(events).withWatermark(Event::time, Duration.ofHours(1)), "continuous",
                "progress");
        addAndCommit(query, events, new Event("a", 1_000), new Event("b", 3_000));
        StreamingQueryProgress withRows = query.recentProgress().stream().filter(p -> p.numInputRows() == 2).findFirst().orElseThrow();
        query.stop();
        assertThat(withRows.eventTime()).containsEntry("min", "1970-01-01T00:00:01Z").containsEntry("max", "1970-01-01T00:00:03Z")
                .containsEntry("avg", "1970-01-01T00:00:02Z").containsKey("watermark");
        assertThat(withRows.stateOperators()).singleElement().satisfies(op -> {
            assertThat(op.operatorName()).isEqualTo("2-probe");
            assertThat(op.numRowsTotal()).as("two timers").isEqualTo(2);
        });
        assertThat(Map.of("json", withRows.json())).extractingByKey("json").asString().contains("\"eventTime\"");
    }
}
