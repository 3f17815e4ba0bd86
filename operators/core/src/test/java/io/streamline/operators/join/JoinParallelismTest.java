package io.streamline.operators.join;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.TestSeed;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.join.JoinQuery.Ad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream-stream joins run as one, two and four instances behind the key-partitioned exchange, both inputs read from
 * two partitions each and routed by the join key, and commit the same rows at every parallelism in both modes; a
 * checkpoint written at one parallelism resumes at another with the buffered rows of both sides where their keys now
 * live. The seed is printed; replay with {@code -Dstreamline.test.seed=<seed>}.
 */
class JoinParallelismTest {
    private static final int PARTITIONS = 2;
    private static final int KEYS = 12;
    /** Feeds per query when a checkpoint is resumed at another parallelism. */
    private static final int STAGE = 4;

    @TempDir
    Path dir;

    /** A click matches an impression of the same ad from 0 to 5 seconds before it. */
    private static StreamJoin<String, Ad, Ad> clicksWithin5s(DataStream<Ad> impressions, DataStream<Ad> clicks) {
        return StreamJoin.of(impressions, Ad::ad, clicks, Ad::ad).within(Duration.ZERO, Duration.ofSeconds(5));
    }

    /** Each join type's emitting and evicting paths: pairs, padding of either side, the semi join's single emit. */
    private static final List<BiFunction<DataStream<Ad>, DataStream<Ad>, DataStream<Object>>> JOINS = List.of(
            (l, r) -> clicksWithin5s(l, r).inner().map(o -> o),
            (l, r) -> clicksWithin5s(l, r).fullOuter().map(o -> o),
            (l, r) -> clicksWithin5s(l, r).leftSemi().map(o -> o),
            (l, r) -> StreamJoin.of(l, Ad::ad, r, Ad::ad).within(Duration.ofSeconds(2), Duration.ofSeconds(1)).inner().map(o -> o));

    /** One epoch's or batch's rows of both inputs. */
    private record Feed(List<Ad> impressions, List<Ad> clicks) {
    }

    @Test
    void everyJoinTypeCommitsTheSameRowsAtEveryParallelism() {
        List<Feed> input = input(TestSeed.random("JoinParallelismTest"));
        for (int j = 0; j < JOINS.size(); j++) {
            for (String mode : List.of("continuous", "microbatch")) {
                List<String> one = run(j, mode, 1, input);
                assertThat(one).as("join %d in %s mode has results", j, mode).isNotEmpty();
                for (int parallelism : new int[]{2, 4}) {
                    assertThat(run(j, mode, parallelism, input)).as("join %d in %s mode at parallelism %d", j, mode, parallelism)
                            .isEqualTo(one);
                }
            }
        }
    }

    private List<String> run(int join, String mode, int parallelism, List<Feed> input) {
        MemoryStream<Ad> impressions = new MemoryStream<>("impressions", PARTITIONS);
        MemoryStream<Ad> clicks = new MemoryStream<>("clicks", PARTITIONS);
        List<Object> rows = new CopyOnWriteArrayList<>();
        try (StreamEngine engine = StreamEngine.builder().parallelism(parallelism).build();
             JoinQuery<Object> q = new JoinQuery<>(engine, impressions, clicks, rows, mode,
                     dir.resolve(join + "-" + mode + "-" + parallelism), 1_000, JOINS.get(join))) {
            input.forEach(feed -> q.feed(feed.impressions(), feed.clicks()));
            assertThat(q.query().lastProgress().stateOperators()).singleElement()
                    .satisfies(state -> assertThat(state.numInstances()).isEqualTo(parallelism));
            if (parallelism > 1) {
                assertThat(q.query().explainString()).contains("exchange by key to " + parallelism + " instances");
            }
        }
        return rows.stream().map(String::valueOf).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void aCheckpointResumesAtAnotherParallelismWithTheBufferedRowsOfBothSides(String mode) { // full outer: pairs, padding
        List<Feed> input = new ArrayList<>(input(TestSeed.random("JoinParallelismTest.restart-" + mode)));
        // Rows buffered before the first restart that only rows after it match, so the restored state is what joins
        // them: at the latest event time so far, which the watermark (1 s behind) has not reached.
        int last = STAGE - 1;
        long t = input.subList(0, STAGE).stream().flatMap(f -> concat(f.impressions(), f.clicks()).stream())
                .mapToLong(Ad::time).max().orElse(0) + 100;
        input.set(last, new Feed(concat(input.get(last).impressions(), List.of(new Ad("carried", t))),
                concat(input.get(last).clicks(), List.of(new Ad("paired", t + 100)))));
        input.set(STAGE, new Feed(concat(input.get(STAGE).impressions(), List.of(new Ad("paired", t))),
                concat(input.get(STAGE).clicks(), List.of(new Ad("carried", t + 500)))));
        List<Object> uninterrupted = runInStages(mode, "once", input, 1);
        List<Object> restarted = runInStages(mode, "restarted", input, 2, 3, 1);
        assertThat(restarted).contains(new Joined<>(new Ad("carried", t), new Ad("carried", t + 500)),
                new Joined<>(new Ad("paired", t), new Ad("paired", t + 100)));
        assertThat(sorted(restarted)).isEqualTo(sorted(uninterrupted));
    }

    /**
     * The full outer join over {@code input}, fed {@value #STAGE} feeds per query, each query restarted on the checkpoint
     * of the one before at the next of {@code parallelisms}.
     */
    private List<Object> runInStages(String mode, String name, List<Feed> input, int... parallelisms) {
        MemoryStream<Ad> impressions = new MemoryStream<>("impressions", PARTITIONS);
        MemoryStream<Ad> clicks = new MemoryStream<>("clicks", PARTITIONS);
        List<Object> rows = new CopyOnWriteArrayList<>();
        Path checkpoint = dir.resolve(name + "-" + mode);
        for (int s = 0; s < parallelisms.length; s++) {
            try (StreamEngine engine = StreamEngine.builder().parallelism(parallelisms[s]).build();
                 JoinQuery<Object> q = new JoinQuery<>(engine, impressions, clicks, rows, mode, checkpoint, 1_000, JOINS.get(1))) {
                List<Feed> stage = s == parallelisms.length - 1 ? input.subList(s * STAGE, input.size())
                        : input.subList(s * STAGE, (s + 1) * STAGE);
                stage.forEach(feed -> q.feed(feed.impressions(), feed.clicks()));
            }
        }
        return rows;
    }

    private static List<Feed> input(Random random) {
        List<Feed> feeds = new ArrayList<>();
        long base = 1_000;
        for (int b = 0; b < 10; b++) {
            feeds.add(new Feed(randomAds(random, base), randomAds(random, base + 1_000)));
            base += random.nextInt(2_000);
        }
        feeds.add(new Feed(List.of(new Ad("end", base + 60_000)), List.of(new Ad("end", base + 60_000))));
        return feeds;
    }

    private static List<Ad> randomAds(Random random, long base) {
        List<Ad> ads = new ArrayList<>();
        int n = random.nextInt(16);
        for (int i = 0; i < n; i++) {
            long time = random.nextInt(8) == 0 ? base - 2_000 - random.nextInt(4_000) : base + random.nextInt(3_000) - 1_000;
            ads.add(new Ad("ad" + random.nextInt(KEYS), Math.max(0, time / 100 * 100)));
        }
        return ads;
    }

    private static List<Ad> concat(List<Ad> a, List<Ad> b) {
        List<Ad> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> sorted(List<Object> rows) {
        return rows.stream().map(String::valueOf).sorted().toList();
    }
}
