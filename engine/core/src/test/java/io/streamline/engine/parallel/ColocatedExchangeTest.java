package io.streamline.engine.parallel;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.LongStream;

import static io.streamline.engine.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed operator with as many instances as its one source has partitions runs each instance in the task of one
 * partition (continuous mode): a record crosses a thread only when another partition's instance owns its key.
 */
class ColocatedExchangeTest {
    private static final int PARTITIONS = 2;
    private static final int KEYS = 1000;

    @Test
    void shouldRunEachInstanceOnItsSourcePartitionsThread() throws Exception {
        try (StreamEngine engine = StreamEngine.builder().parallelism(PARTITIONS).build()) {
            StreamingQuery query = countQuery(engine, "colocated", 20_000);
            String plan = query.explainString();
            assertThat(plan).contains("Threads: 3 task threads") // the two partitions, and the memory sink's one writer
                    .contains("exchange by key to 2 instances")
                    .contains("[0] on this thread").contains("[1] on this thread")
                    .contains("the source partition on this thread");
            query.processAllAvailable();
            assertThat(engine.table("colocated").asMap()).hasSize(KEYS).containsEntry(7L, 20L);
        }
    }

    /**
     * With rings of 8 slots and every record of both partitions read at once, each task fills its ring to the other
     * while the other fills the ring back: a task waiting for room keeps taking records from its own inbound ring, or
     * the two would wait for each other for ever.
     */
    @Test
    void shouldNotDeadlockWhenBothTasksWaitForRoomInTheOthersRing() throws Exception {
        int rows = 200_000;
        try (StreamEngine engine = StreamEngine.builder().parallelism(PARTITIONS).ringSize(8).build()) {
            StreamingQuery query = countQuery(engine, "tiny-rings", rows);
            until("all " + rows + " rows counted through rings of 8 slots", java.time.Duration.ofSeconds(60), () -> {
                Map<Object, Object> counts = engine.table("tiny-rings").asMap();
                return counts.size() == KEYS && counts.values().stream().allMatch(c -> c.equals((long) (rows / KEYS)));
            });
            assertThat(query.exception()).isEmpty();
        }
    }

    private static StreamingQuery countQuery(StreamEngine engine, String name, int rows) throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
        input.addData(LongStream.range(0, rows).boxed().toList());
        return engine.readStream(input).groupByKey(v -> v % KEYS).count().writeStream().format("memory")
                .queryName(name).outputMode("update").trigger(Trigger.continuous(50)).start();
    }
}
