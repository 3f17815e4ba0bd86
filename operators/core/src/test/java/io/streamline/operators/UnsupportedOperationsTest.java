package io.streamline.operators;

import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.join.StreamJoin;
import io.streamline.operators.state.GroupStateFunction;
import io.streamline.operators.state.GroupStateTimeout;
import io.streamline.operators.state.GroupsWithState;
import io.streamline.operators.state.MapGroupsFunction;
import io.streamline.operators.window.Windowed;
import io.streamline.operators.window.Windows;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spark's unsupported-operation rules (its {@code UnsupportedOperationChecker}) that span several operators, checked
 * at {@code start()} with the rule named: how many {@code [flat]MapGroupsWithState}s a query may have,
 * {@code flatMapGroupsWithState}'s declared mode against the query's aggregations, and the global-watermark rule
 * that no stateful operator follows one whose output can be behind the watermark. Each refused query has an accepted
 * neighbour, so the rule is shown to be the reason. The single-operator rules are tested with their operators.
 */
class UnsupportedOperationsTest extends EngineTestSupport {
    record Event(String user, long time) implements Serializable {
    }

    private final MemoryStream<Event> events = new MemoryStream<>("events");
    private final MemoryStream<Event> others = new MemoryStream<>("others");

    private static final MapGroupsFunction<String, Event, Long, Event> LAST = (user, values, state) -> {
        Event last = null;
        while (values.hasNext()) {
            last = values.next();
        }
        return last;
    };
    private static final GroupStateFunction<String, Event, Long, Event> ALL = (user, values, state) -> values;

    private DataStream<Event> watermarked() {
        return engine.readStream(events).withWatermark(Event::time, Duration.ofSeconds(1));
    }

    private static DataStream<Event> map(DataStream<Event> in) {
        return in.groupByKey(Event::user).via(GroupsWithState.mapGroupsWithState(GroupStateTimeout.NO_TIMEOUT, LAST));
    }

    private static DataStream<Event> flatMap(DataStream<Event> in, OutputMode declared, GroupStateTimeout timeout) {
        return in.groupByKey(Event::user).via(GroupsWithState.flatMapGroupsWithState(declared, timeout, ALL));
    }

    private static DataStream<KeyValue<Windowed<String>, Long>> windowCount(DataStream<Event> in) {
        return in.groupByKey(Event::user).via(Windows.<String, Event>tumbling(Duration.ofSeconds(10))).count();
    }

    /** A windowed count's rows as events again (user, window's last millisecond), for a second stateful operator. */
    private static DataStream<Event> asEvents(DataStream<KeyValue<Windowed<String>, Long>> windows) {
        return windows.map(kv -> new Event(kv.key().key(), kv.key().end() - 1));
    }

    private StreamingQuery start(DataStream<?> stream, String mode) {
        return stream.writeStream().format("noop").outputMode(mode).trigger(Trigger.processingTime(Duration.ofMillis(10))).start();
    }

    private void accepted(DataStream<?> stream, String mode) {
        StreamingQuery query = start(stream, mode);
        assertThat(query.isActive()).isTrue();
        query.stop();
    }

    @Test
    void oneMapGroupsWithStatePerQuery() {
        accepted(map(engine.readStream(events)), "update");
        assertThatThrownBy(() -> start(map(map(engine.readStream(events))), "update"))
                .hasMessageStartingWith("Multiple mapGroupsWithState operators in one query are not supported, as in Spark");
    }

    @Test
    void mapAndFlatMapGroupsWithStateDoNotMix() {
        assertThatThrownBy(() -> start(flatMap(map(engine.readStream(events)), OutputMode.UPDATE, GroupStateTimeout.NO_TIMEOUT), "update"))
                .hasMessageStartingWith("Mixing mapGroupsWithState and flatMapGroupsWithState in one query is not supported");
    }

    @Test
    void severalFlatMapGroupsWithStateOnlyAllInAppendModeInAnAppendQuery() {
        DataStream<Event> in = engine.readStream(events);
        accepted(flatMap(flatMap(in, OutputMode.APPEND, GroupStateTimeout.NO_TIMEOUT), OutputMode.APPEND, GroupStateTimeout.NO_TIMEOUT), "append");
        assertThatThrownBy(() -> start(flatMap(flatMap(in, OutputMode.UPDATE, GroupStateTimeout.NO_TIMEOUT), OutputMode.UPDATE,
                GroupStateTimeout.NO_TIMEOUT), "update"))
                .hasMessage("Multiple flatMapGroupsWithState operators are supported only when every one is declared with"
                        + " append output mode and the query runs in append output mode, as in Spark; declared: update,"
                        + " update, query: update");
    }

    @Test
    void flatMapGroupsWithStateRunsInItsDeclaredModeWithoutAggregationsAndOnlyInAppendWithOne() {
        DataStream<Event> in = engine.readStream(events);
        accepted(flatMap(in, OutputMode.UPDATE, GroupStateTimeout.NO_TIMEOUT), "update");
        assertThatThrownBy(() -> start(flatMap(in, OutputMode.UPDATE, GroupStateTimeout.NO_TIMEOUT), "append"))
                .hasMessageStartingWith("flatMapGroupsWithState declared with update output mode cannot run in append output"
                        + " mode in a query without aggregations");
        // With an aggregation after it, an append flatMapGroupsWithState runs in the aggregation's mode, as in Spark.
        accepted(flatMap(in, OutputMode.APPEND, GroupStateTimeout.NO_TIMEOUT).groupByKey(Event::user).count(), "update");
        assertThatThrownBy(() -> start(flatMap(in, OutputMode.UPDATE, GroupStateTimeout.NO_TIMEOUT).groupByKey(Event::user).count(), "update"))
                .hasMessageStartingWith("flatMapGroupsWithState declared with update output mode is not supported in a query"
                        + " with a streaming aggregation");
    }

    @Test
    void windowedAggregationsChainInAppendModeOnly() {
        DataStream<Event> twice = asEvents(windowCount(asEvents(windowCount(watermarked()))));
        accepted(windowCount(twice), "append");
        assertThatThrownBy(() -> start(windowCount(twice), "update"))
                .hasMessageStartingWith("Possible correctness issue due to the global watermark")
                .hasMessageContaining("the stateful operator 'window.count' follows 'window.count', whose output in update"
                        + " output mode can hold rows older than the watermark");
        assertThatThrownBy(() -> start(windowCount(twice), "complete"))
                .hasMessageContaining("whose output in complete output mode can hold rows older than the watermark");
    }

    @Test
    void noWatermarkBoundOperatorAfterARunningAggregation() {
        DataStream<Event> counted = watermarked().groupByKey(Event::user).count().map(kv -> new Event(kv.key(), kv.value()));
        accepted(counted.via(Deduplicate.by(Event::user)), "update"); // not bound by the watermark, as in Spark
        assertThatThrownBy(() -> start(counted.via(Deduplicate.withinWatermark(Event::user)), "update"))
                .hasMessageContaining("the stateful operator 'dropDuplicatesWithinWatermark' follows 'count'");
        assertThatThrownBy(() -> start(counted.via(Deduplicate.byKeyAndEventTime(Event::user)), "update"))
                .hasMessageContaining("the stateful operator 'dropDuplicatesWithEventTime' follows 'count'");
        assertThatThrownBy(() -> start(map(counted), "update"))
                .hasMessageContaining("the stateful operator 'mapGroupsWithState' follows 'count'");
        assertThatThrownBy(() -> start(counted.groupByKey(Event::user).count(), "complete"))
                .hasMessageContaining("the stateful operator 'count' follows 'count', whose output in complete output mode");
    }

    @Test
    void noStatefulOperatorAfterEventTimeTimeouts() {
        DataStream<Event> timed = flatMap(watermarked(), OutputMode.APPEND, GroupStateTimeout.EVENT_TIME_TIMEOUT);
        accepted(timed.map(e -> e), "append");
        accepted(flatMap(watermarked(), OutputMode.APPEND, GroupStateTimeout.PROCESSING_TIME_TIMEOUT)
                .via(Deduplicate.withinWatermark(Event::user)), "append");
        assertThatThrownBy(() -> start(timed.via(Deduplicate.withinWatermark(Event::user)), "append"))
                .hasMessageContaining("the stateful operator 'dropDuplicatesWithinWatermark' follows 'flatMapGroupsWithState'");
        assertThatThrownBy(() -> start(windowCount(timed), "append"))
                .hasMessageContaining("the stateful operator 'window.count' follows 'flatMapGroupsWithState'");
    }

    @Test
    void aStreamStreamJoinMayFollowAnAppendWindowButNotAnUpdateOne() {
        DataStream<Event> windows = asEvents(windowCount(watermarked()));
        DataStream<Event> right = engine.readStream(others).withWatermark(Event::time, Duration.ofSeconds(1));
        accepted(StreamJoin.of(windows, Event::user, right, Event::user).within(Duration.ofSeconds(5), Duration.ofSeconds(5)).inner(), "append");
        DataStream<Event> runningCounts = watermarked().groupByKey(Event::user).count().map(kv -> new Event(kv.key(), kv.value()));
        assertThatThrownBy(() -> start(StreamJoin.of(runningCounts, Event::user, right, Event::user).inner()
                .map(joined -> List.of(joined.left(), joined.right())), "update"))
                .hasMessageStartingWith("Stream-stream joins support only append output mode");
    }
}
