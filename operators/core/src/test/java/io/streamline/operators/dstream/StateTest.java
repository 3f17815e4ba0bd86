package io.streamline.operators.dstream;

import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** updateStateByKey and mapWithState over several batches, and their state across a restart, against hand-worked values. */
class StateTest extends DStreamTestSupport {
    @BeforeEach
    void checkpointed() {
        ssc.checkpoint(dir.resolve("ckpt").toString());
    }

    private static <K extends Comparable<K>, V> List<Tuple2<K, V>> sorted(List<Tuple2<K, V>> batch) {
        List<Tuple2<K, V>> copy = new ArrayList<>(batch);
        copy.sort(Comparator.comparing(Tuple2::_1));
        return copy;
    }

    @Test
    void shouldCallUpdateStateByKeyForEveryKeyWithStateAndRemoveKeysItEmpties() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        PairDStream<String, Integer> ones = ssc.queueStream(queueOf(List.of("a", "b", "a"), List.of("b"), List.of(), List.of("c")))
                .mapToPair(w -> t(w, 1));
        // A running count that forgets a key in the first batch without values for it.
        Map<Long, List<Tuple2<String, Integer>>> states = collect(ones.updateStateByKey((List<Integer> values, Optional<Integer> state) -> {
            calls.add(values + "/" + state.map(String::valueOf).orElse("none"));
            return values.isEmpty() ? Optional.empty() : Optional.of(state.orElse(0) + values.size());
        }));
        ssc.start();
        ssc.advanceBatches(4);

        assertThat(inOrder(states)).containsExactly(List.of(t("a", 2), t("b", 1)), List.of(t("b", 2)), List.of(), List.of(t("c", 1)));
        assertThat(calls).as("called with an empty list for a key with state but no values").containsExactlyInAnyOrder(
                "[1, 1]/none", "[1]/none", // batch 1: a, b
                "[]/2", "[1]/1",           // batch 2: a has no values and is removed, b counts on
                "[]/2",                    // batch 3: b is removed
                "[1]/none");               // batch 4: c
    }

    @Test
    void shouldStartUpdateStateByKeyFromTheInitialStateOnlyInANewCheckpoint() throws Exception {
        String checkpoint = dir.resolve("initial").toString();
        MemoryStream<String> words = new MemoryStream<>("words");
        List<Map<Long, List<Tuple2<String, Integer>>>> totals = new ArrayList<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        java.util.function.Supplier<StreamingContext> create = () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            PairDStream<String, Integer> ones = c.inputStream(words).mapToPair(w -> t(w, 1));
            totals.add(collect(ones.updateStateByKey((List<Integer> v, Optional<Integer> s) -> {
                calls.add(v + "/" + s.map(String::valueOf).orElse("none"));
                return s.orElse(0) + v.size() == 0 ? Optional.empty() : Optional.of(s.orElse(0) + v.size());
            }, 4, List.of(t("x", 10), t("y", 5)))));
            return c;
        };
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        words.addData("x", "x", "z");
        ssc.start();
        ssc.advanceBatches(1); // 1000: x x z, on top of x=10 y=5
        ssc.stop();
        assertThat(sorted(totals.get(0).get(1000L))).containsExactly(t("x", 12), t("y", 5), t("z", 1));
        assertThat(calls).as("the initial keys are called in the first batch, y with no values").containsExactlyInAnyOrder(
                "[1, 1]/10", "[]/5", "[1]/none");

        words.addData("y");
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        ssc.start();
        ssc.advanceBatches(1); // 2000: y, from the checkpointed state: the initial state is not applied again
        assertThat(sorted(totals.get(1).get(2000L))).containsExactly(t("x", 12), t("y", 6), t("z", 1));

        PairDStream<String, Integer> pairs = new StreamingContext(engine, SECOND, clock).queueStream(queueOf(List.of("a")))
                .mapToPair(w -> t(w, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pairs.updateStateByKey(
                        (List<Integer> v, Optional<Integer> s) -> s, 1, List.of(t("k", 1), t("k", 2))))
                .hasMessageContaining("the initial state has key k twice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pairs.updateStateByKey(
                        (List<Integer> v, Optional<Integer> s) -> s, 0, List.of()))
                .hasMessageContaining("numPartitions must be positive, got 0");
    }

    @Test
    void shouldMapWithStateTimeOutIdleKeysAndSnapshotTheState() throws Exception {
        List<String> refused = new CopyOnWriteArrayList<>();
        PairDStream<String, Integer> values = ssc.queueStream(queueOf(
                List.of(t("a", 1), t("b", 1)), List.of(t("a", 1)), List.of(), List.of(), List.of(t("b", 1)), List.of()))
                .mapToPair(kv -> kv);
        MapWithStateDStream<String, Integer, Integer, String> sums = values.mapWithState(
                StateSpec.function((String key, Optional<Integer> value, State<Integer> state) -> {
                    if (state.isTimingOut()) {
                        try {
                            state.update(0);
                        } catch (UnsupportedOperationException e) {
                            refused.add(e.getMessage());
                        }
                        return key + " timed out at " + state.get();
                    }
                    int sum = state.getOption().orElse(0) + value.get();
                    state.update(sum);
                    return key + "=" + sum;
                }).timeout(Duration.ofSeconds(2)));
        Map<Long, List<String>> mapped = collect(sums);
        Map<Long, List<Tuple2<String, Integer>>> snapshots = collect(sums.stateSnapshots());
        ssc.start();
        ssc.advanceBatches(6);

        // A key times out in the first batch more than 2 s after its last record: b (last at 1000) at 4000, a (2000) at 5000.
        assertThat(inOrder(mapped)).containsExactly(List.of("a=1", "b=1"), List.of("a=2"), List.of(), List.of("b timed out at 1"),
                List.of("b=1", "a timed out at 2"), List.of());
        assertThat(inOrder(snapshots).stream().map(StateTest::sorted).toList()).containsExactly(List.of(t("a", 1), t("b", 1)),
                List.of(t("a", 2), t("b", 1)), List.of(t("a", 2), t("b", 1)), List.of(t("a", 2)), List.of(t("b", 1)), List.of(t("b", 1)));
        assertThat(refused).containsExactly("Cannot update the state that is timing out", "Cannot update the state that is timing out");
    }

    @Test
    void shouldStartMapWithStateFromTheInitialStateAndRemoveState() throws Exception {
        PairDStream<String, Integer> values = ssc.queueStream(queueOf(List.of(t("x", 5), t("y", 1)), List.of(t("x", -1)), List.of(t("x", 2))))
                .mapToPair(kv -> kv);
        MapWithStateDStream<String, Integer, Integer, Integer> sums = values.mapWithState(
                StateSpec.function((String key, Optional<Integer> value, State<Integer> state) -> {
                    if (value.get() < 0) {
                        state.remove();
                        return null; // adds nothing
                    }
                    int sum = state.getOption().orElse(0) + value.get();
                    state.update(sum);
                    return sum;
                }).initialState(List.of(t("x", 10))));
        Map<Long, List<Integer>> mapped = collect(sums);
        Map<Long, List<Tuple2<String, Integer>>> snapshots = collect(sums.stateSnapshots());
        ssc.start();
        ssc.advanceBatches(3);

        assertThat(inOrder(mapped)).containsExactly(List.of(15, 1), List.of(), List.of(2));
        assertThat(inOrder(snapshots).stream().map(StateTest::sorted).toList()).containsExactly(List.of(t("x", 15), t("y", 1)),
                List.of(t("y", 1)), List.of(t("x", 2), t("y", 1)));
    }

    @Test
    void shouldResumeStateAndWindowsFromTheCheckpointAfterARestart() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<String> words = new MemoryStream<>("words");
        List<Map<Long, List<Tuple2<String, Integer>>>> totals = new ArrayList<>();
        List<Map<Long, List<Tuple2<String, Integer>>>> windows = new ArrayList<>();
        java.util.function.Supplier<StreamingContext> create = () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            PairDStream<String, Integer> ones = c.inputStream(words).mapToPair(w -> t(w, 1));
            totals.add(collect(ones.updateStateByKey((List<Integer> v, Optional<Integer> s) -> Optional.of(s.orElse(0) + v.size()))));
            windows.add(collect(ones.reduceByKeyAndWindow(Integer::sum, (x, y) -> x - y, Duration.ofSeconds(3), SECOND, kv -> kv._2() != 0)));
            return c;
        };
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        words.addData("a", "b");
        ssc.start();
        ssc.advanceBatches(1); // 1000: a b
        words.addData("a");
        ssc.advanceBatches(1); // 2000: a
        ssc.stop();

        words.addData("b");
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        ssc.start();
        ssc.advanceBatches(1); // 3000: b
        ssc.advanceBatches(1); // 4000: nothing; the window (1000, 4000] has lost the batch at 1000
        assertThat(sorted(totals.get(1).get(3000L))).as("the totals continue from the checkpoint").containsExactly(t("a", 2), t("b", 2));
        assertThat(sorted(windows.get(1).get(3000L))).containsExactly(t("a", 2), t("b", 2));
        assertThat(sorted(windows.get(1).get(4000L))).as("the batch at 1000 left the restored window")
                .containsExactly(t("a", 1), t("b", 1));
    }
}
