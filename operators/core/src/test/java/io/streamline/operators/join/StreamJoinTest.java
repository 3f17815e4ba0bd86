package io.streamline.operators.join;

import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.TestSeed;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.join.JoinQuery.Ad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stream-stream joins in both modes, as Spark defines them: pairs within the time range emitted once whichever side
 * comes first, late rows dropped (never null-padded), outer rows null-padded when the global watermark evicts them,
 * state bounded by the watermarks, append mode only, and the same output in both modes over random input.
 */
class StreamJoinTest extends EngineTestSupport {
    /** A click matches an impression of the same ad from 0 to 5 seconds before it. */
    private static StreamJoin<String, Ad, Ad> clicksWithin5s(DataStream<Ad> impressions, DataStream<Ad> clicks) {
        return StreamJoin.of(impressions, Ad::ad, clicks, Ad::ad).within(Duration.ZERO, Duration.ofSeconds(5));
    }

    private <O> JoinQuery<O> query(String mode, String checkpoint, BiFunction<DataStream<Ad>, DataStream<Ad>, DataStream<O>> join) {
        return new JoinQuery<>(engine, mode, dir.resolve(checkpoint), 0, join);
    }

    private static Ad ad(String ad, long time) {
        return new Ad(ad, time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void innerJoinEmitsEachPairInTheTimeRangeOnceWhicheverSideComesFirst(String mode) {
        try (JoinQuery<Joined<Ad, Ad>> q = query(mode, "inner", (l, r) -> clicksWithin5s(l, r).inner())) {
            q.feed(List.of(ad("a", 1_000), ad("b", 2_000)), List.of());
            q.feed(List.of(), List.of(ad("a", 3_000), ad("b", 8_000), ad("a", 900))); // b too late after, a@900 before
            q.feed(List.of(ad("c", 10_000)), List.of(ad("c", 9_000), ad("c", 15_000))); // the click first; 15 000 in range
            assertThat(q.rows()).containsExactlyInAnyOrder(new Joined<>(ad("a", 1_000), ad("a", 3_000)),
                    new Joined<>(ad("c", 10_000), ad("c", 15_000)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void leftOuterPadsAnUnmatchedLeftRowWhenTheWatermarkEvictsItAndDropsLateRows(String mode) {
        try (JoinQuery<Joined<Ad, Ad>> q = query(mode, "left", (l, r) -> clicksWithin5s(l, r).leftOuter())) {
            q.feed(List.of(ad("a", 1_000), ad("b", 2_000)), List.of(ad("a", 3_000))); // watermark min(2 000, 3 000)
            assertThat(q.rows()).containsExactly(new Joined<>(ad("a", 1_000), ad("a", 3_000)));
            q.feed(List.of(ad("z", 20_000)), List.of(ad("z", 20_000))); // watermark 20 000: b can match nothing more
            assertThat(q.rows()).containsExactly(new Joined<>(ad("a", 1_000), ad("a", 3_000)),
                    new Joined<>(ad("z", 20_000), ad("z", 20_000)), new Joined<>(ad("b", 2_000), null));
            q.feed(List.of(ad("late", 1_500)), List.of(ad("late", 1_600))); // both at or below the watermark
            assertThat(q.rows()).hasSize(3);
            assertThat(q.total(StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(2);
            assertThat(q.stateRows()).as("only z's impression, which a click up to 25 000 could still match").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void rightAndFullOuterPadTheUnmatchedRowsOfTheirSides(String mode) {
        List<Ad> impressions = List.of(ad("a", 1_000), ad("b", 2_000));
        List<Ad> clicks = List.of(ad("a", 3_000), ad("c", 2_500));
        List<Ad> endLeft = List.of(ad("endL", 30_000)); // moves both watermarks without matching each other
        List<Ad> endRight = List.of(ad("endR", 30_000));
        try (JoinQuery<Joined<Ad, Ad>> right = query(mode, "right", (l, r) -> clicksWithin5s(l, r).rightOuter());
             JoinQuery<Joined<Ad, Ad>> full = query(mode, "full", (l, r) -> clicksWithin5s(l, r).fullOuter())) {
            right.feed(impressions, clicks).feed(endLeft, endRight);
            full.feed(impressions, clicks).feed(endLeft, endRight);
            // A click can match only impressions up to 5 s before it, so at watermark 30 000 no impression to come can
            // match endR either: it is padded too, while endL may still meet a click up to 35 000.
            assertThat(right.rows()).containsExactlyInAnyOrder(new Joined<>(ad("a", 1_000), ad("a", 3_000)),
                    new Joined<>(null, ad("c", 2_500)), new Joined<>(null, ad("endR", 30_000)));
            assertThat(full.rows()).containsExactlyInAnyOrder(new Joined<>(ad("a", 1_000), ad("a", 3_000)),
                    new Joined<>(null, ad("c", 2_500)), new Joined<>(ad("b", 2_000), null), new Joined<>(null, ad("endR", 30_000)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void leftSemiEmitsAMatchingLeftRowOnce(String mode) {
        try (JoinQuery<Ad> q = query(mode, "semi", (l, r) -> clicksWithin5s(l, r).leftSemi())) {
            q.feed(List.of(ad("a", 1_000), ad("b", 2_000)), List.of(ad("a", 2_000)));
            q.feed(List.of(), List.of(ad("a", 4_000), ad("b", 6_000)));
            q.feed(List.of(ad("c", 7_000)), List.of(ad("c", 7_000), ad("c", 7_500)));
            assertThat(q.rows()).containsExactlyInAnyOrder(ad("a", 1_000), ad("b", 2_000), ad("c", 7_000));
        }
    }

    @Test
    void joinsFollowSparksOutputModeRules() {
        MemoryStream<Ad> left = new MemoryStream<>("l");
        MemoryStream<Ad> right = new MemoryStream<>("r");
        DataStream<Ad> plainLeft = engine.readStream(left);
        DataStream<Ad> plainRight = engine.readStream(right);
        assertThatThrownBy(() -> StreamJoin.of(plainLeft.withWatermark(Ad::time, Duration.ZERO), Ad::ad,
                        plainRight.withWatermark(Ad::time, Duration.ZERO), Ad::ad).leftOuter().writeStream().format("noop").start())
                .hasMessageContaining("left outer join needs a time range condition").hasMessageContaining("within(before, after)");
        assertThatThrownBy(() -> clicksWithin5s(plainLeft, plainRight.withWatermark(Ad::time, Duration.ZERO)).fullOuter()
                .writeStream().format("noop").start())
                .hasMessageContaining("full outer join needs a watermark on both inputs");
        assertThatThrownBy(() -> clicksWithin5s(plainLeft, plainRight).inner().writeStream().format("noop").outputMode("update").start())
                .hasMessageContaining("Stream-stream joins support only append output mode");
        assertThatThrownBy(() -> StreamJoin.of(plainLeft, Ad::ad, plainRight, Ad::ad).within(Duration.ofSeconds(-5), Duration.ofSeconds(2)))
                .hasMessageContaining("join time range is empty");
        try (StreamEngine other = StreamEngine.create()) {
            assertThatThrownBy(() -> StreamJoin.of(plainLeft, Ad::ad, other.readStream(right), Ad::ad).inner())
                    .hasMessageContaining("of streams from different engines");
        }
    }

    @Test
    void everyJoinTypeEmitsTheSameRowsInBothModes() {
        Random random = TestSeed.random("StreamJoinTest.modes");
        List<List<Ad>> impressions = new ArrayList<>();
        List<List<Ad>> clicks = new ArrayList<>();
        long base = 1_000;
        for (int b = 0; b < 10; b++) {
            impressions.add(randomAds(random, base));
            clicks.add(randomAds(random, base + 1_000));
            base += random.nextInt(2_000);
        }
        impressions.add(List.of(ad("end", base + 60_000)));
        clicks.add(List.of(ad("end", base + 60_000)));
        List<BiFunction<DataStream<Ad>, DataStream<Ad>, DataStream<Object>>> joins = List.of(
                (l, r) -> clicksWithin5s(l, r).inner().map(o -> o), (l, r) -> clicksWithin5s(l, r).leftOuter().map(o -> o),
                (l, r) -> clicksWithin5s(l, r).rightOuter().map(o -> o), (l, r) -> clicksWithin5s(l, r).fullOuter().map(o -> o),
                (l, r) -> clicksWithin5s(l, r).leftSemi().map(o -> o),
                (l, r) -> StreamJoin.of(l, Ad::ad, r, Ad::ad).within(Duration.ofSeconds(2), Duration.ofSeconds(1)).inner().map(o -> o));
        for (int j = 0; j < joins.size(); j++) {
            List<List<String>> results = new ArrayList<>();
            for (String mode : List.of("continuous", "microbatch")) {
                try (JoinQuery<Object> q = new JoinQuery<>(engine, mode, dir.resolve("modes-" + j + "-" + mode), 1_000, joins.get(j))) {
                    for (int b = 0; b < impressions.size(); b++) {
                        q.feed(impressions.get(b), clicks.get(b));
                    }
                    results.add(q.rows().stream().map(String::valueOf).sorted().toList());
                }
            }
            assertThat(results.get(0)).as("join %d: continuous against micro-batch", j).isEqualTo(results.get(1));
            assertThat(results.get(1)).as("join %d has results", j).isNotEmpty();
        }
    }

    private static List<Ad> randomAds(Random random, long base) {
        List<Ad> ads = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            long time = random.nextInt(8) == 0 ? base - 2_000 - random.nextInt(4_000) : base + random.nextInt(3_000) - 1_000;
            ads.add(ad("ad" + random.nextInt(6), Math.max(0, time / 100 * 100)));
        }
        return ads;
    }
}
