package io.streamline.operators.dstream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Windows over batch times, against windows worked out by hand. Batches at 1000 .. 8000 ms receive
 * [a b] [a] [] [c] [a] [] [] [], so the 3 s window at T covers the batches at T-2000, T-1000 and T.
 */
class WindowsTest extends DStreamTestSupport {
    private static final Duration TWO = Duration.ofSeconds(2);
    private static final Duration THREE = Duration.ofSeconds(3);
    private static final Duration FOUR = Duration.ofSeconds(4);

    private DStream<String> words;

    @BeforeEach
    void input() {
        ssc.checkpoint(dir.resolve("ckpt").toString());
        words = ssc.queueStream(queueOf(List.of("a", "b"), List.of("a"), List.of(), List.of("c"), List.of("a"), List.of(), List.of(), List.of()));
    }

    private static <K extends Comparable<K>, V> List<List<Tuple2<K, V>>> sorted(Map<Long, List<Tuple2<K, V>>> batches) {
        List<List<Tuple2<K, V>>> out = new ArrayList<>();
        for (List<Tuple2<K, V>> batch : inOrder(batches)) {
            List<Tuple2<K, V>> copy = new ArrayList<>(batch);
            copy.sort(Comparator.comparing(Tuple2::_1));
            out.add(copy);
        }
        return out;
    }

    @Test
    void shouldWindowTheLastBatchesAndSlideOnlyAtMultiplesOfTheSlide() throws Exception {
        Map<Long, List<String>> sliding = collect(words.window(THREE));
        Map<Long, List<String>> tumbling = collect(words.window(TWO, TWO));
        Map<Long, List<Long>> counts = collect(words.countByWindow(THREE, Duration.ofSeconds(1)));
        Map<Long, List<Integer>> sums = collect(words.map(w -> (int) w.charAt(0)).reduceByWindow(Integer::sum, THREE, SECOND));
        Map<Long, List<Integer>> inverseSums = collect(words.map(w -> (int) w.charAt(0))
                .reduceByWindow(Integer::sum, (x, y) -> x - y, THREE, SECOND));
        ssc.start();
        ssc.advanceBatches(8);

        assertThat(inOrder(sliding)).containsExactly(List.of("a", "b"), List.of("a", "b", "a"), List.of("a", "b", "a"), List.of("a", "c"),
                List.of("c", "a"), List.of("c", "a"), List.of("a"), List.of());
        assertThat(tumbling).as("slide 2: outputs only at even batch times").containsOnlyKeys(2000L, 4000L, 6000L, 8000L);
        assertThat(inOrder(tumbling)).containsExactly(List.of("a", "b", "a"), List.of("c"), List.of("a"), List.of());
        assertThat(inOrder(counts)).as("an empty window counts 0").containsExactly(List.of(2L), List.of(3L), List.of(3L), List.of(2L),
                List.of(2L), List.of(2L), List.of(1L), List.of(0L));
        int a = 'a';
        int b = 'b';
        int c = 'c';
        assertThat(inOrder(sums)).containsExactly(List.of(a + b), List.of(2 * a + b), List.of(2 * a + b), List.of(a + c), List.of(a + c),
                List.of(a + c), List.of(a), List.of());
        assertThat(inOrder(inverseSums).subList(0, 7)).containsExactlyElementsOf(inOrder(sums).subList(0, 7));
        assertThat(inOrder(inverseSums).get(7)).as("the inverse keeps the reduced value at the zero").containsExactly(0);
    }

    @Test
    void shouldReduceByKeyAndWindowWithAndWithoutTheInverseAndItsFilter() throws Exception {
        PairDStream<String, Integer> ones = words.mapToPair(w -> t(w, 1));
        Map<Long, List<Tuple2<String, Integer>>> recomputed = collect(ones.reduceByKeyAndWindow(Integer::sum, THREE, SECOND));
        Map<Long, List<Tuple2<String, Integer>>> inverse = collect(ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, THREE, SECOND));
        Map<Long, List<Tuple2<String, Integer>>> filtered = collect(ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, THREE, SECOND,
                kv -> kv._2() != 0));
        Map<Long, List<Tuple2<String, Long>>> byValue = collect(words.countByValueAndWindow(THREE, SECOND));
        Map<Long, List<Tuple2<String, Integer>>> slideTwo = collect(ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, FOUR, TWO));
        ssc.start();
        ssc.advanceBatches(8);

        assertThat(sorted(recomputed)).containsExactly(List.of(t("a", 1), t("b", 1)), List.of(t("a", 2), t("b", 1)),
                List.of(t("a", 2), t("b", 1)), List.of(t("a", 1), t("c", 1)), List.of(t("a", 1), t("c", 1)), List.of(t("a", 1), t("c", 1)),
                List.of(t("a", 1)), List.of());
        assertThat(sorted(inverse)).as("keys at zero stay without a filter").containsExactly(List.of(t("a", 1), t("b", 1)),
                List.of(t("a", 2), t("b", 1)), List.of(t("a", 2), t("b", 1)), List.of(t("a", 1), t("b", 0), t("c", 1)),
                List.of(t("a", 1), t("b", 0), t("c", 1)), List.of(t("a", 1), t("b", 0), t("c", 1)),
                List.of(t("a", 1), t("b", 0), t("c", 0)), List.of(t("a", 0), t("b", 0), t("c", 0)));
        assertThat(sorted(filtered)).containsExactlyElementsOf(sorted(recomputed));
        assertThat(sorted(byValue)).as("countByValueAndWindow drops zero counts").containsExactly(List.of(t("a", 1L), t("b", 1L)),
                List.of(t("a", 2L), t("b", 1L)), List.of(t("a", 2L), t("b", 1L)), List.of(t("a", 1L), t("c", 1L)),
                List.of(t("a", 1L), t("c", 1L)), List.of(t("a", 1L), t("c", 1L)), List.of(t("a", 1L)), List.of());
        assertThat(slideTwo).containsOnlyKeys(2000L, 4000L, 6000L, 8000L);
        assertThat(sorted(slideTwo)).containsExactly(List.of(t("a", 2), t("b", 1)), List.of(t("a", 2), t("b", 1), t("c", 1)),
                List.of(t("a", 1), t("b", 0), t("c", 1)), List.of(t("a", 1), t("b", 0), t("c", 0)));
    }

    @Test
    void shouldWorkPerSlideInProportionToTheBatchesEnteringAndLeavingWithTheInverse() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batches.add(List.of("z"));
        }
        PairDStream<String, Integer> ones = ssc.queueStream(new java.util.ArrayDeque<>(batches)).mapToPair(w -> t(w, 1));
        AtomicLong inverseCalls = new AtomicLong();
        AtomicLong plainCalls = new AtomicLong();
        Map<Long, Long> inversePerBatch = new java.util.TreeMap<>();
        Map<Long, Long> plainPerBatch = new java.util.TreeMap<>();
        Map<Long, List<Tuple2<String, Integer>>> inverse = collect(ones.reduceByKeyAndWindow(counting(inverseCalls), (x, y) -> x - y,
                Duration.ofSeconds(10), SECOND));
        ones.reduceByKeyAndWindow(counting(plainCalls), Duration.ofSeconds(10), SECOND).foreachRDD((rdd, time) -> {
            inversePerBatch.put(time.milliseconds(), inverseCalls.getAndSet(0));
            plainPerBatch.put(time.milliseconds(), plainCalls.getAndSet(0));
        });
        ssc.start();
        ssc.advanceBatches(10);
        // Batch n's 10 s window holds n values of z: recomputing it reduces n values (n - 1 calls), the inverse merges
        // the one entering value into the previous window's (1 call), however long the window has grown.
        assertThat(plainPerBatch.values()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(inversePerBatch.values()).containsExactly(0L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(inverse.get(10_000L)).containsExactly(t("z", 10));
    }

    private static BinaryOperator<Integer> counting(AtomicLong calls) {
        return (x, y) -> {
            calls.incrementAndGet();
            return x + y;
        };
    }

    @Test
    void shouldRefuseWindowsAndSlidesThatAreNotMultiplesOfTheParentsSlide() {
        assertThatThrownBy(() -> words.window(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window: the window duration (1500 ms) must be a multiple of the slide duration of the parent DStream "
                        + "(1000 ms), which is the batch interval unless the parent is windowed");
        assertThatThrownBy(() -> words.window(THREE, Duration.ofMillis(1500))).hasMessageContaining("window: the slide duration (1500 ms)");
        DStream<String> everyTwo = words.window(FOUR, TWO);
        assertThatThrownBy(() -> everyTwo.window(THREE)).hasMessageContaining("window duration (3000 ms) must be a multiple of the slide "
                + "duration of the parent DStream (2000 ms)");
        assertThatThrownBy(() -> everyTwo.union(words)).hasMessageContaining("union: the DStreams have different slide durations "
                + "([2000 ms, 1000 ms])");
        assertThatThrownBy(() -> words.mapToPair(w -> t(w, 1)).reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, Duration.ofMillis(2500), SECOND))
                .hasMessageContaining("reduceByKeyAndWindow: the window duration (2500 ms) must be a multiple");
        assertThatThrownBy(() -> words.window(Duration.ZERO)).hasMessageContaining("window: the window duration must be positive");
    }
}
