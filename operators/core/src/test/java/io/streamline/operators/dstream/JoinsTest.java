package io.streamline.operators.dstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Joins, cogroup and transformWith between two pair DStreams' batches of the same time. */
class JoinsTest extends DStreamTestSupport {
    private PairDStream<String, String> left() {
        return ssc.queueStream(queueOf(List.of(t("k1", "a"), t("k2", "b")), List.of(t("k3", "c")))).mapToPair(kv -> kv);
    }

    private PairDStream<String, String> right() {
        return ssc.queueStream(queueOf(List.of(t("k1", "x"), t("k1", "y"), t("k3", "z")), List.<Tuple2<String, String>>of()))
                .mapToPair(kv -> kv);
    }

    @Test
    void shouldJoinTheBatchesOfTheSameTime() throws Exception {
        PairDStream<String, String> left = left();
        PairDStream<String, String> right = right();
        Map<Long, List<Tuple2<String, Tuple2<String, String>>>> inner = collect(left.join(right));
        Map<Long, List<Tuple2<String, Tuple2<String, Optional<String>>>>> leftOuter = collect(left.leftOuterJoin(right));
        Map<Long, List<Tuple2<String, Tuple2<Optional<String>, String>>>> rightOuter = collect(left.rightOuterJoin(right));
        Map<Long, List<Tuple2<String, Tuple2<Optional<String>, Optional<String>>>>> fullOuter = collect(left.fullOuterJoin(right));
        Map<Long, List<Tuple2<String, Tuple2<List<String>, List<String>>>>> groups = collect(left.cogroup(right));
        Map<Long, List<String>> sizes = collect(left.transformWith(right,
                (List<Tuple2<String, String>> l, List<Tuple2<String, String>> r, Time time) -> List.of(l.size() + ":" + r.size() + "@" + time)));
        Map<Long, List<Integer>> plain = collect(left.transformWith(right,
                (List<Tuple2<String, String>> l, List<Tuple2<String, String>> r) -> List.of(l.size() + r.size())));
        ssc.start();
        ssc.advanceBatches(2);

        Optional<String> none = Optional.empty();
        assertThat(inOrder(inner)).containsExactly(List.of(t("k1", t("a", "x")), t("k1", t("a", "y"))), List.of());
        assertThat(inOrder(leftOuter)).containsExactly(
                List.of(t("k1", t("a", Optional.of("x"))), t("k1", t("a", Optional.of("y"))), t("k2", t("b", none))),
                List.of(t("k3", t("c", none))));
        assertThat(inOrder(rightOuter)).containsExactly(
                List.of(t("k1", t(Optional.of("a"), "x")), t("k1", t(Optional.of("a"), "y")), t("k3", t(none, "z"))), List.of());
        assertThat(inOrder(fullOuter)).containsExactly(
                List.of(t("k1", t(Optional.of("a"), Optional.of("x"))), t("k1", t(Optional.of("a"), Optional.of("y"))),
                        t("k2", t(Optional.of("b"), none)), t("k3", t(none, Optional.of("z")))),
                List.of(t("k3", t(Optional.of("c"), none))));
        assertThat(inOrder(groups)).containsExactly(
                List.of(t("k1", t(List.of("a"), List.of("x", "y"))), t("k2", t(List.of("b"), List.of())), t("k3", t(List.of(), List.of("z")))),
                List.of(t("k3", t(List.of("c"), List.of()))));
        assertThat(inOrder(sizes)).containsExactly(List.of("2:3@1000 ms"), List.of("1:0@2000 ms"));
        assertThat(inOrder(plain)).containsExactly(List.of(5), List.of(1));
    }

    @Test
    void shouldRefuseToJoinStreamsOfDifferentSlides() {
        PairDStream<String, String> windowed = left().window(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> windowed.join(right())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("join: the DStreams have different slide durations ([2000 ms, 1000 ms])");
    }
}
