package io.streamline.engine.sink;

import io.streamline.engine.Await;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForeachBatchSinkTest {
    record Call(long epochId, List<Integer> rows) {
    }

    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path tmp;

    @AfterEach
    void stopAll() {
        engine.close();
    }

    private static int total(List<Call> calls) {
        return calls.stream().mapToInt(c -> c.rows().size()).sum();
    }

    @Test
    void shouldCallOncePerEpochWithThatEpochsRows() throws Exception {
        MemoryStream<Integer> numbers = new MemoryStream<>("numbers");
        List<Call> calls = new CopyOnWriteArrayList<>();
        engine.readStream(numbers).map(i -> i * 2)
                .writeStream().foreachBatch((List<Integer> rows, long epochId) -> calls.add(new Call(epochId, rows)))
                .option("checkpointLocation", tmp.resolve("ckpt").toString()).trigger(Trigger.continuous(20)).start();
        for (int i = 0; i < 10; i++) {
            int from = i * 10;
            numbers.addData(IntStream.range(from, from + 10).boxed().toList());
            Await.until("batch " + i, () -> total(calls) == from + 10); // one addition at a time: several epochs
        }

        assertThat(calls).hasSizeGreaterThanOrEqualTo(10).allSatisfy(c -> assertThat(c.rows()).isNotEmpty());
        assertThat(calls.stream().mapToLong(Call::epochId)).isSorted().doesNotHaveDuplicates();
        assertThat(calls.stream().flatMap(c -> c.rows().stream())).containsExactlyElementsOf(
                IntStream.range(0, 100).map(i -> i * 2).boxed().toList());
    }

    @Test
    void shouldReplayAFailedEpochWithTheSameIdAfterRestart() throws Exception {
        MemoryStream<Integer> numbers = new MemoryStream<>("numbers");
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicBoolean failNext = new AtomicBoolean();
        ForeachBatchFunction<Integer> function = (rows, epochId) -> {
            if (failNext.compareAndSet(true, false)) {
                calls.add(new Call(-epochId - 1, rows)); // the failed call, remembered with a negative id
                throw new java.io.IOException("store unavailable");
            }
            calls.add(new Call(epochId, rows));
        };
        String checkpoint = tmp.resolve("ckpt").toString();
        StreamingQuery first = engine.readStream(numbers).writeStream().foreachBatch(function)
                .option("checkpointLocation", checkpoint).trigger(Trigger.continuous(20)).start();
        numbers.addData(1, 2, 3);
        Await.until("the first epoch", () -> total(calls) == 3);
        failNext.set(true);
        numbers.addData(4, 5, 6);
        Await.until("the query failed", () -> !first.isActive());
        assertThat(first.exception()).hasValueSatisfying(e -> assertThat(e).hasRootCauseMessage("store unavailable"));
        Call failed = calls.get(calls.size() - 1);
        long failedEpoch = -failed.epochId() - 1;
        assertThat(failed.rows()).containsExactly(4, 5, 6);

        engine.readStream(numbers).writeStream().foreachBatch(function)
                .option("checkpointLocation", checkpoint).trigger(Trigger.continuous(20)).start();
        Await.until("the replay", () -> calls.get(calls.size() - 1).epochId() >= 0);
        Call replayed = calls.get(calls.size() - 1);
        assertThat(replayed.epochId()).isEqualTo(failedEpoch);
        assertThat(replayed.rows()).containsExactly(4, 5, 6);
    }

    @Test
    void shouldRequireACheckpointLocation() throws Exception {
        MemoryStream<Integer> numbers = new MemoryStream<>("numbers");
        assertThatThrownBy(() -> engine.readStream(numbers).writeStream()
                .foreachBatch((List<Integer> rows, long id) -> { }).start())
                .hasMessageContaining("checkpointLocation must be set for the foreachBatch sink");
    }
}
