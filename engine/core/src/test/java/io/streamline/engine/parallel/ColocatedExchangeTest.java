package io.streamline.engine.parallel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.FileSink;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;

import static io.streamline.engine.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed operator with as many instances as its one source has partitions runs each instance in the task of one
 * partition (continuous mode), when nothing after it crosses a ring: a record crosses a thread only when another
 * partition's instance owns its key.
 */
class ColocatedExchangeTest {
    private static final int PARTITIONS = 2;
    private static final int KEYS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldRunEachInstanceOnItsSourcePartitionsThread() throws Exception {
        try (StreamEngine engine = StreamEngine.builder().parallelism(PARTITIONS).build()) {
            Path out = dir.resolve("out");
            StreamingQuery query = countQuery(engine, 20_000, out);
            assertThat(query.explainString()).contains("Threads: 2 task threads")
                    .contains("exchange by key to 2 instances")
                    .contains("[0] on this thread").contains("[1] on this thread")
                    .contains("the source partition on this thread");
            until("every key counted", () -> finalCounts(out).size() == KEYS && finalCounts(out).values().stream().allMatch(c -> c == 20));
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
            Path out = dir.resolve("out");
            StreamingQuery query = countQuery(engine, rows, out);
            assertThat(query.explainString()).contains("on this thread");
            until("all " + rows + " rows counted through rings of 8 slots", Duration.ofSeconds(60), () -> {
                Map<Long, Long> counts = finalCounts(out);
                return counts.size() == KEYS && counts.values().stream().allMatch(c -> c == rows / KEYS);
            });
            assertThat(query.exception()).isEmpty();
        }
    }

    /**
     * A sink with one writer is fed through a ring from every instance, and a task cannot keep draining its inbound
     * rings while it waits on that one (it is inside its instance's emit): the instances keep tasks of their own.
     */
    @Test
    void shouldKeepTasksOfTheirOwnWhenARingFollowsTheOperator() throws Exception {
        try (StreamEngine engine = StreamEngine.builder().parallelism(PARTITIONS).build()) {
            MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
            input.addData(LongStream.range(0, 1_000).boxed().toList());
            StreamingQuery query = engine.readStream(input).groupByKey(v -> v % KEYS).count().writeStream().format("memory")
                    .queryName("one-writer").outputMode("update").trigger(Trigger.continuous(50)).start();
            assertThat(query.explainString()).contains("Threads: 5 task threads").doesNotContain("on this thread");
            query.processAllAvailable();
            assertThat(engine.table("one-writer").asMap()).hasSize(KEYS);
        }
    }

    private StreamingQuery countQuery(StreamEngine engine, int rows, Path out) throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
        input.addData(LongStream.range(0, rows).boxed().toList());
        return engine.readStream(input).groupByKey(v -> v % KEYS).count().writeStream().format("json")
                .option("path", out.toString()).option("checkpointLocation", dir.resolve("checkpoint").toString())
                .outputMode("update").trigger(Trigger.continuous(50)).start();
    }

    /** The last committed count of every key (update mode writes each change of a running count). */
    private static Map<Long, Long> finalCounts(Path out) {
        Map<Long, Long> counts = new HashMap<>();
        if (!Files.isDirectory(out)) {
            return counts;
        }
        try {
            for (String line : FileSink.committedLines(out)) {
                JsonNode row = JSON.readTree(line);
                counts.merge(row.get("key").asLong(), row.get("value").asLong(), Math::max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
