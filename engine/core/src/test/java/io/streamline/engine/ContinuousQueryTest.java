package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContinuousQueryTest extends EngineTestSupport {
    @Test
    void shouldRunFusedStatelessChainIntoMemoryTable() {
        MemoryStream<Integer> input = new MemoryStream<>("numbers");
        StreamingQuery query = engine.readStream(input)
                .map(i -> i * 10)
                .filter(i -> i % 20 == 0)
                .flatMap((Integer i, java.util.function.Consumer<String> out) -> {
                    out.accept("a" + i);
                    out.accept("b" + i);
                })
                .writeStream().format("memory").queryName("stateless").trigger(Trigger.continuous(50)).start();
        input.addData(IntStream.range(0, 100).boxed().toList());

        Await.until("all rows in the table", () -> engine.table("stateless").rows().size() == 100);
        List<Object> expected = IntStream.range(0, 100).filter(i -> i % 2 == 0)
                .boxed().flatMap(i -> java.util.stream.Stream.of("a" + i * 10, "b" + i * 10)).collect(Collectors.toList());
        assertThat(engine.table("stateless").rows()).containsExactlyElementsOf(expected);
        assertThat(query.explainString()).contains("source 0-memory/0 -> map -> filter -> flatMap -> sink MemorySink[stateless]");
        assertThat(query.explainString()).contains("Threads: 1 task threads");
    }

    @Test
    void shouldCountPerKeyInUpdateMode() {
        MemoryStream<String> words = new MemoryStream<>("words");
        engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().format("memory").queryName("counts").outputMode("update")
                .trigger(Trigger.continuous(50)).start();
        words.addData("a", "b", "a", "c", "a", "b");

        Await.until("counts", () -> engine.table("counts").asMap().equals(Map.of("a", 3L, "b", 2L, "c", 1L)));
    }

    @Test
    void shouldEmitWholeTableEachEpochInCompleteMode() {
        MemoryStream<Long> numbers = new MemoryStream<>("numbers");
        StreamingQuery query = engine.readStream(numbers).groupByKey(n -> n % 3).sum(n -> n)
                .writeStream().format("memory").queryName("sums").outputMode("complete")
                .trigger(Trigger.continuous(50)).start();
        numbers.addData(LongStream.rangeClosed(1, 9).boxed().toList());

        Await.until("sums", () -> engine.table("sums").asMap().equals(Map.of(0L, 18L, 1L, 12L, 2L, 15L)));
        // The table changes when the sink commits; the epoch's progress report follows its commit record.
        Await.until("a committed epoch reports the whole state", () -> query.lastProgress() != null
                && !query.lastProgress().stateOperators().isEmpty()
                && query.lastProgress().stateOperators().get(0).numRowsTotal() == 3);
        assertThat(query.lastProgress().sink().description()).isEqualTo("MemorySink[sums]");
        assertThat(query.lastProgress().stateOperators()).singleElement().satisfies(op -> {
            assertThat(op.operatorName()).isEqualTo("1-sum");
            assertThat(op.numRowsTotal()).isEqualTo(3);
            assertThat(op.memoryUsedBytes()).as("3 long keys and sums, 9 bytes each encoded").isEqualTo(54);
        });
        assertThat(query.lastProgress().json()).contains("\"epochId\"").doesNotContain("batchId");
    }

    @Test
    void shouldResumeStateFromCheckpointWithoutRecountingCommittedRecords() {
        MemoryStream<String> words = new MemoryStream<>("words");
        String checkpoint = dir.resolve("ckpt").toString();
        words.addData("x", "y", "x");
        StreamingQuery first = engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().format("memory").queryName("resume").outputMode("update")
                .option("checkpointLocation", checkpoint).trigger(Trigger.continuous(50)).start();
        Await.until("first run counted", () -> engine.table("resume").asMap().equals(Map.of("x", 2L, "y", 1L)));
        first.stop();

        words.addData("x", "z");
        StreamingQuery second = engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().format("memory").queryName("resume").outputMode("update")
                .option("checkpointLocation", checkpoint).trigger(Trigger.continuous(50)).start();
        Await.until("second run counted", () -> engine.table("resume").asMap().equals(Map.of("x", 3L, "y", 1L, "z", 1L)));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.runId()).isNotEqualTo(first.runId());
    }
}
