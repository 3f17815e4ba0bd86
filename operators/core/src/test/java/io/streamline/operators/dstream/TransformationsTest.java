package io.streamline.operators.dstream;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-batch transformations over several batches (one empty), against outputs worked out by hand. */
class TransformationsTest extends DStreamTestSupport {
    @Test
    void shouldMapFlatMapFilterCountAndReduceEveryBatch() throws Exception {
        DStream<String> lines = ssc.queueStream(queueOf(List.of("a b", "c"), List.of(), List.of("d e f")));
        Map<Long, List<Integer>> lengths = collect(lines.map(String::length));
        DStream<String> words = lines.flatMap(l -> Arrays.asList(l.split(" ")).iterator());
        Map<Long, List<String>> wordBatches = collect(words);
        Map<Long, List<String>> notB = collect(words.filter(w -> !w.equals("b")));
        Map<Long, List<Long>> counts = collect(words.count());
        Map<Long, List<String>> joined = collect(words.reduce((a, b) -> a + b));
        ssc.start();
        ssc.advanceBatches(3);

        assertThat(lengths).containsExactly(Map.entry(1000L, List.of(3, 1)), Map.entry(2000L, List.of()), Map.entry(3000L, List.of(5)));
        assertThat(inOrder(wordBatches)).containsExactly(List.of("a", "b", "c"), List.of(), List.of("d", "e", "f"));
        assertThat(inOrder(notB)).containsExactly(List.of("a", "c"), List.of(), List.of("d", "e", "f"));
        assertThat(inOrder(counts)).as("count of an empty batch is 0").containsExactly(List.of(3L), List.of(0L), List.of(3L));
        assertThat(inOrder(joined)).as("reduce of an empty batch is empty").containsExactly(List.of("abc"), List.of(), List.of("def"));
    }

    @Test
    void shouldCountByValueAndReduceGroupAndMapByKey() throws Exception {
        DStream<String> words = ssc.queueStream(queueOf(List.of("x", "y", "x", "z", "x"), List.of("y")));
        Map<Long, List<Tuple2<String, Long>>> byValue = collect(words.countByValue());
        PairDStream<String, Integer> pairs = words.mapToPair(w -> t(w, w.charAt(0) - 'w'));
        Map<Long, List<Tuple2<String, Integer>>> sums = collect(pairs.reduceByKey(Integer::sum));
        Map<Long, List<Tuple2<String, List<Integer>>>> groups = collect(pairs.groupByKey());
        Map<Long, List<Tuple2<String, String>>> mapped = collect(pairs.mapValues(v -> "v" + v));
        Map<Long, List<Tuple2<String, Integer>>> expanded = collect(pairs.flatMapValues(v -> List.of(v, -v).iterator()));
        ssc.start();
        ssc.advanceBatches(2);

        // x=1, y=2, z=3: batch 1 has x three times, y once, z once.
        assertThat(inOrder(byValue)).containsExactly(List.of(t("x", 3L), t("y", 1L), t("z", 1L)), List.of(t("y", 1L)));
        assertThat(inOrder(sums)).containsExactly(List.of(t("x", 3), t("y", 2), t("z", 3)), List.of(t("y", 2)));
        assertThat(inOrder(groups)).containsExactly(List.of(t("x", List.of(1, 1, 1)), t("y", List.of(2)), t("z", List.of(3))),
                List.of(t("y", List.of(2))));
        assertThat(inOrder(mapped).get(1)).containsExactly(t("y", "v2"));
        assertThat(inOrder(expanded).get(1)).containsExactly(t("y", 2), t("y", -2));
    }

    @Test
    void shouldUnionTransformWithTheBatchTimeAndRepartition() throws Exception {
        DStream<Integer> odd = ssc.queueStream(queueOf(List.of(1, 3), List.of(5)));
        DStream<Integer> even = ssc.queueStream(queueOf(List.of(2), List.of(), List.of(4)));
        Map<Long, List<Integer>> union = collect(odd.union(even));
        Map<Long, List<String>> stamped = collect(odd.transform((rdd, time) -> rdd.stream().map(v -> v + "@" + time).toList()));
        Map<Long, List<Integer>> sizes = collect(even.transform(rdd -> List.of(rdd.size())));
        Map<Long, List<Integer>> repartitioned = collect(odd.repartition(4));
        ssc.start();
        ssc.advanceBatches(3);

        assertThat(inOrder(union)).containsExactly(List.of(1, 3, 2), List.of(5), List.of(4));
        assertThat(inOrder(stamped)).containsExactly(List.of("1@1000 ms", "3@1000 ms"), List.of("5@2000 ms"), List.of());
        assertThat(inOrder(sizes)).containsExactly(List.of(1), List.of(0), List.of(1));
        assertThat(inOrder(repartitioned)).containsExactly(List.of(1, 3), List.of(5), List.of());
    }

    @Test
    void shouldTakeEverythingQueuedWhenNotOneAtATime() throws Exception {
        java.util.Queue<List<String>> queue = queueOf(List.of("a"), List.of("b", "c"));
        Map<Long, List<String>> batches = collect(ssc.queueStream(queue, false));
        ssc.start();
        ssc.advanceBatches(1);
        queue.add(List.of("d"));
        ssc.advanceBatches(1);
        assertThat(inOrder(batches)).containsExactly(List.of("a", "b", "c"), List.of("d"));
    }
}
