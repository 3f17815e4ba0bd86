package io.streamline.operators.state;

import io.streamline.engine.Await;
import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.TestSeed;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.TestQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mapGroupsWithState} and {@code flatMapGroupsWithState} in both modes: state per key across batches and a
 * restart, when the function is called in each mode, event-time and processing-time timeouts (the latter firing
 * without new data), Spark's output-mode and timeout rules, and the same results in both modes over random input.
 */
class GroupsWithStateTest extends EngineTestSupport {
    record Event(String user, long time) implements Serializable {
    }

    /** A user's open session: events counted and the latest event time. */
    record Session(long events, long last) implements Serializable {
    }

    private MemoryStream<Event> events = new MemoryStream<>("events");
    private final List<Object> rows = new CopyOnWriteArrayList<>();

    private <U> StreamingQuery start(String mode, Duration interval, String outputMode, String checkpoint,
                                     Function<DataStream<Event>, DataStream<U>> pipeline) {
        Trigger trigger = mode.equals("continuous") ? Trigger.continuous(interval) : Trigger.processingTime(Duration.ofMillis(10));
        return pipeline.apply(engine.readStream(events)).writeStream().foreachBatch((batch, id) -> rows.addAll(batch))
                .outputMode(outputMode).option("checkpointLocation", dir.resolve(checkpoint).toString()).trigger(trigger).start();
    }

    /**
     * Adds the events as one epoch or batch and waits for its commit. A micro-batch query then runs a batch without
     * data that calls the timeouts the new watermark passed; a continuous query calls them at the end of the following
     * epoch, so an epoch without data follows here too.
     */
    private void feed(StreamingQuery query, Event... data) {
        events.addData(data);
        TestQueries.processAll(query);
        TestQueries.processAll(query);
    }

    /** Counts each user's events; one row per call: the user, the count and how many values the call got. */
    private static final MapGroupsFunction<String, Event, Long, KeyValue<String, List<Long>>> COUNT = (user, values, state) -> {
        long n = state.getOption().orElse(0L);
        long got = 0;
        while (values.hasNext()) {
            values.next();
            got++;
        }
        state.update(n + got);
        return new KeyValue<>(user, List.of(n + got, got));
    };

    @Test
    void microBatchCallsTheFunctionOncePerKeyPerBatchWithAllItsValues() {
        StreamingQuery q = start("microbatch", null, "update", "mb", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.NO_TIMEOUT, COUNT)));
        feed(q, new Event("a", 1), new Event("b", 2), new Event("a", 3));
        feed(q, new Event("a", 4));
        assertThat(rows).containsExactly(new KeyValue<>("a", List.of(2L, 2L)), new KeyValue<>("b", List.of(1L, 1L)),
                new KeyValue<>("a", List.of(3L, 1L)));
    }

    @Test
    void continuousModeCallsTheFunctionAsEachRecordArrives() {
        StreamingQuery q = start("continuous", Duration.ofHours(1), "update", "cont", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.NO_TIMEOUT, COUNT)));
        feed(q, new Event("a", 1), new Event("b", 2), new Event("a", 3));
        assertThat(rows).containsExactly(new KeyValue<>("a", List.of(1L, 1L)), new KeyValue<>("b", List.of(1L, 1L)),
                new KeyValue<>("a", List.of(2L, 1L)));
    }

    /** Sessions per user that close once the watermark passes a second after their last event. */
    private static final GroupStateFunction<String, Event, Session, String> SESSIONS = (user, values, state) -> {
        if (state.hasTimedOut()) {
            Session closed = state.get();
            state.remove();
            return List.of(user + " closed after " + closed.events()).iterator();
        }
        Session s = state.getOption().orElse(new Session(0, Long.MIN_VALUE));
        while (values.hasNext()) {
            Event e = values.next();
            s = new Session(s.events() + 1, Math.max(s.last(), e.time()));
        }
        state.update(s);
        state.setTimeoutTimestamp(Math.max(s.last() + 1_000, state.getCurrentWatermarkMs())); // late events: not behind it
        return List.<String>of().iterator();
    };

    private static Function<DataStream<Event>, DataStream<String>> sessions() {
        return s -> s.withWatermark(Event::time, Duration.ZERO).groupByKey(Event::user)
                .via(GroupsWithState.flatMapGroupsWithState(OutputMode.APPEND, GroupStateTimeout.EVENT_TIME_TIMEOUT, SESSIONS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void anEventTimeTimeoutFiresOnceTheWatermarkPassesItAndSurvivesARestart(String mode) {
        StreamingQuery first = start(mode, Duration.ofHours(1), "append", "event", sessions());
        feed(first, new Event("a", 1_000), new Event("a", 1_500), new Event("b", 2_000)); // a times out after 2 500
        feed(first, new Event("b", 2_400)); // watermark 2 000: nothing times out
        assertThat(rows).isEmpty();
        first.stop();
        StreamingQuery second = start(mode, Duration.ofHours(1), "append", "event", sessions());
        feed(second, new Event("c", 3_000)); // watermark 3 000 passes 2 500, not b's 3 400
        assertThat(rows).containsExactly("a closed after 2");
        feed(second, new Event("c", 3_500)); // watermark 3 500 passes 3 400
        assertThat(rows).containsExactly("a closed after 2", "b closed after 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void aProcessingTimeTimeoutFiresWithoutNewData(String mode) {
        GroupStateFunction<String, Event, Long, String> idle = (user, values, state) -> {
            if (state.hasTimedOut()) {
                state.remove();
                return List.of(user + " idle").iterator();
            }
            state.update(state.getOption().orElse(0L) + 1);
            state.setTimeoutDuration("200 milliseconds");
            return List.<String>of().iterator();
        };
        StreamingQuery q = start(mode, Duration.ofMillis(20), "update", "processing", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.flatMapGroupsWithState(OutputMode.UPDATE, GroupStateTimeout.PROCESSING_TIME_TIMEOUT, idle)));
        feed(q, new Event("a", 1));
        Await.until("a timed out without further data", () -> rows.contains("a idle"));
        assertThat(rows).containsExactly("a idle");
    }

    @Test
    void outputModesAndTimeoutsFollowSparksRules() {
        assertThatThrownBy(() -> start("microbatch", null, "append", "r1", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.NO_TIMEOUT, COUNT))))
                .hasMessageContaining("mapGroupsWithState declared with update output mode cannot run in append output mode");
        assertThatThrownBy(() -> start("microbatch", null, "append", "r2", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.flatMapGroupsWithState(OutputMode.APPEND, GroupStateTimeout.EVENT_TIME_TIMEOUT, SESSIONS))))
                .hasMessageContaining("Watermark must be specified in the query using withWatermark(eventTimeFn, delay) for"
                        + " using event-time timeout in flatMapGroupsWithState");
        assertThatThrownBy(() -> GroupsWithState.flatMapGroupsWithState(OutputMode.COMPLETE, GroupStateTimeout.NO_TIMEOUT, SESSIONS))
                .hasMessageContaining("not complete");
    }

    @Test
    void aTimeoutOfTheWrongKindOrBehindTheWatermarkStopsTheQueryNamingIt() {
        MapGroupsFunction<String, Event, Long, String> wrongKind = (user, values, state) -> {
            state.setTimeoutDuration(1_000);
            return user;
        };
        StreamingQuery q = start("microbatch", null, "update", "wrong", s -> s.groupByKey(Event::user)
                .via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.NO_TIMEOUT, wrongKind)));
        events.addData(new Event("a", 1));
        assertThatThrownBy(q::processAllAvailable).hasStackTraceContaining("Cannot set timeout duration without enabling"
                + " processing time timeout");

        GroupStateFunction<String, Event, Long, String> behind = (user, values, state) -> {
            if (state.hasTimedOut()) {
                state.remove();
            } else {
                state.setTimeoutTimestamp(0); // fine under the first batch's watermark, none; not under 5 000
            }
            return List.<String>of().iterator();
        };
        StreamingQuery r = start("microbatch", null, "append", "behind", s -> s.withWatermark(Event::time, Duration.ZERO)
                .groupByKey(Event::user).via(GroupsWithState.flatMapGroupsWithState(OutputMode.APPEND,
                        GroupStateTimeout.EVENT_TIME_TIMEOUT, behind)));
        feed(r, new Event("x", 5_000));
        events.addData(new Event("y", 6_000));
        assertThatThrownBy(r::processAllAvailable).hasStackTraceContaining("Timeout timestamp (0) cannot be earlier than the"
                + " current watermark (5000)");
    }

    @Test
    void sessionsCloseTheSameInBothModesOverRandomInput() {
        Random random = TestSeed.random("GroupsWithStateTest.modes");
        List<Event[]> batches = new ArrayList<>();
        long base = 1_000;
        for (int b = 0; b < 12; b++) {
            Event[] batch = new Event[1 + random.nextInt(15)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = new Event("u" + random.nextInt(6), base + random.nextInt(1_200) - 600);
            }
            batches.add(batch);
            base += random.nextInt(1_500);
        }
        batches.add(new Event[]{new Event("end", base + 60_000)});
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String mode : List.of("continuous", "microbatch")) {
            rows.clear();
            events = new MemoryStream<>("events"); // each mode reads the same input from the start
            StreamingQuery q = start(mode, Duration.ofHours(1), "append", "modes-" + mode, sessions());
            batches.forEach(batch -> feed(q, batch));
            q.stop();
            results.put(mode, rows.stream().map(String::valueOf).sorted().toList());
        }
        assertThat(results.get("continuous")).isEqualTo(results.get("microbatch")).isNotEmpty();
    }

}
