package io.streamline.operators.dstream;

import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StreamingContext.remember and DStream.slice: the batches a stream keeps, read from the application's threads. */
class RememberSliceTest extends DStreamTestSupport {
    private static Time at(long millis) {
        return new Time(millis);
    }

    @Test
    void shouldSliceTheBatchesRememberedInAnInterval() throws Exception {
        DStream<String> words = ssc.queueStream(queueOf(List.of("a"), List.of("b"), List.of("c"), List.of("d"), List.of("e")));
        DStream<String> upper = words.map(String::toUpperCase);
        DStream<String> unused = words.filter(w -> true);
        List<Integer> sliced = new CopyOnWriteArrayList<>();
        upper.foreachRDD((rdd, time) -> sliced.add(upper.slice(at(time.milliseconds() - 10_000), time).size()));
        ssc.remember(Duration.ofMillis(2500)); // rounded up to the slide: the last 3 batches
        assertThatThrownBy(() -> upper.slice(at(0), at(1000))).hasMessageContaining("slice needs a started StreamingContext");
        assertThatThrownBy(() -> ssc.remember(SECOND)).hasMessageContaining("the remember duration is already set, to 2500 ms");
        ssc.start();
        assertThat(upper.slice(at(0), at(5000))).as("no batch ran yet").isEmpty();
        ssc.advanceBatches(5);

        assertThat(upper.slice(at(1000), at(5000))).as("(2000, 5000] is remembered")
                .containsExactly(List.of("C"), List.of("D"), List.of("E"));
        assertThat(words.slice(at(3500), at(4999))).as("both ends floored to batch times: 3000 and 4000")
                .containsExactly(List.of("c"), List.of("d"));
        assertThat(sliced).as("from foreachRDD, the batches up to the current one").containsExactly(1, 2, 3, 3, 3);
        assertThatThrownBy(() -> words.slice(at(2000), at(1000))).hasMessageContaining("the end is before the start");
        assertThatThrownBy(() -> unused.slice(at(0), at(5000))).hasMessageContaining("is not computed, as no output operation depends on it");
    }

    @Test
    void shouldRefuseToSliceAStreamThatKeepsOnlyItsCurrentBatch() throws Exception {
        DStream<String> words = ssc.queueStream(queueOf(List.of("a"), List.of("b")));
        DStream<String> windowed = words.window(Duration.ofSeconds(2));
        windowed.foreachRDD(rdd -> { });
        ssc.start();
        ssc.advanceBatches(2);
        assertThat(words.slice(at(0), at(2000))).as("the window keeps its parent's last 2 batches").containsExactly(List.of("a"), List.of("b"));
        assertThatThrownBy(() -> windowed.slice(at(0), at(2000))).hasMessageContaining("keeps only its current batch; call "
                + "StreamingContext.remember(duration) before start()");
        assertThatThrownBy(() -> new StreamingContext(engine, SECOND, clock).remember(Duration.ZERO))
                .hasMessageContaining("remember needs a positive duration");
    }

    @Test
    void shouldSliceBatchesFromBeforeARestartAndRefuseAnotherRememberDuration() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<String> words = new MemoryStream<>("words");
        List<DStream<String>> streams = new ArrayList<>();
        java.util.function.Supplier<StreamingContext> create = () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            c.remember(Duration.ofSeconds(3));
            DStream<String> s = c.inputStream(words);
            s.foreachRDD(rdd -> { });
            streams.add(s);
            return c;
        };
        ssc = StreamingContext.getOrCreate(checkpoint, create);
        ssc.start();
        words.addData("a");
        ssc.advanceBatches(1);
        words.addData("b");
        ssc.advanceBatches(1);
        ssc.stop();

        ssc = StreamingContext.getOrCreate(checkpoint, create);
        ssc.start();
        words.addData("c");
        ssc.advanceBatches(1);
        assertThat(streams.get(1).slice(at(0), at(3000))).as("the batches remembered before the restart were checkpointed")
                .containsExactly(List.of("a"), List.of("b"), List.of("c"));
        ssc.stop();

        StreamingContext forgetful = StreamingContext.getOrCreate(checkpoint, () -> {
            StreamingContext c = new StreamingContext(engine, SECOND, clock);
            c.inputStream(words).foreachRDD(rdd -> { });
            return c;
        });
        assertThatThrownBy(forgetful::start).hasMessageContaining("was written by another DStream graph")
                .hasMessageContaining("remember 3000 ms");
    }
}
