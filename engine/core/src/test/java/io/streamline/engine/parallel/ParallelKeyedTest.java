package io.streamline.engine.parallel;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.progress.StreamingQueryProgress.StateOperatorProgress;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keyed operators with several instances behind the key-partitioned exchange give the results of one instance,
 * in both modes; a checkpoint can be resumed with another parallelism, but not with another number of key groups.
 */
class ParallelKeyedTest {
    private static final int PARTITIONS = 2;

    @TempDir
    Path dir;

    /**
     * Passes the first record of every key: keyed state through the {@code KeyedStream.transform} extension point.
     * Which record comes first is defined within a partition only (partition 0 has the even values, 1 the odd), so
     * every key lives in one partition ({@code value % 202}): how the plan interleaves the partitions (one ring each
     * into a fan-in, or an instance on each partition's own thread) does not change it.
     */
    static final class FirstPerKey implements Operator<Long, Long> {
        private final KeyedState<Long, Boolean> seen = new KeyedState<>();

        @Override
        public void process(Long value, RecordMeta meta, Output<Long> out) {
            long key = value % 202;
            if (seen.get(key) == null) {
                seen.put(key, Boolean.TRUE);
                out.emit(value);
            }
        }

        @Override
        public OperatorState state() {
            return seen;
        }
    }

    /** The aggregations and keyed operators on main, each a query of its own. */
    private static final Map<String, Function<DataStream<Long>, DataStream<?>>> PIPELINES = Map.of(
            "count", in -> in.groupByKey(v -> v % 97).count(),
            "sum", in -> in.groupByKey(v -> "k" + v % 13).sum(v -> v),
            "reduce", in -> in.groupByKey(v -> v % 7).reduce(Math::max),
            "firstPerKey", in -> in.groupByKey(v -> v % 202).transform("firstPerKey", context -> new FirstPerKey(), false));

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"continuous", "micro-batch"})
    void shouldGiveTheSameResultsWithOneTwoAndFourInstances(String mode) throws Exception {
        Map<Integer, Map<String, Object>> results = new HashMap<>();
        for (int parallelism : new int[]{1, 2, 4}) {
            Map<String, Object> byPipeline = new HashMap<>();
            try (StreamEngine engine = StreamEngine.builder().parallelism(parallelism).build()) {
                for (Map.Entry<String, Function<DataStream<Long>, DataStream<?>>> pipeline : PIPELINES.entrySet()) {
                    MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
                    input.addData(LongStream.range(0, 20_000).boxed().toList());
                    String name = pipeline.getKey() + "-" + parallelism;
                    StreamingQuery query = pipeline.getValue().apply(engine.readStream(input)).writeStream().format("memory")
                            .queryName(name).outputMode(pipeline.getKey().equals("firstPerKey") ? "append" : "update")
                            .trigger(trigger(mode)).start();
                    if (parallelism > 1 && mode.equals("continuous")) {
                        assertThat(query.explainString()).contains("exchange by key to " + parallelism + " instances")
                                .contains("Keyed operators: " + parallelism + " instances each");
                    }
                    query.processAllAvailable();
                    StateOperatorProgress state = query.lastProgress().stateOperators().get(0);
                    assertThat(state.numInstances()).isEqualTo(parallelism);
                    assertThat(state.numRowsTotalPerInstance()).hasSize(parallelism);
                    query.stop();
                    byPipeline.put(pipeline.getKey(), pipeline.getKey().equals("firstPerKey")
                            ? engine.<Long>table(name).rows().stream().sorted().toList() : engine.table(name).asMap());
                }
            }
            results.put(parallelism, byPipeline);
        }
        assertThat((Map<Object, Object>) results.get(1).get("count")).hasSize(97).containsEntry(0L, 207L);
        assertThat(((List<?>) results.get(1).get("firstPerKey"))).isEqualTo(LongStream.range(0, 202).boxed().toList());
        assertThat(results.get(2)).isEqualTo(results.get(1));
        assertThat(results.get(4)).isEqualTo(results.get(1));
    }

    @Test
    void shouldSpreadKeysOverTheInstancesAndReportTheSkew() throws Exception {
        try (StreamEngine engine = StreamEngine.builder().parallelism(2).build()) {
            MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
            input.addData(LongStream.range(0, 10_000).boxed().toList());
            StreamingQuery query = engine.readStream(input).groupByKey(v -> v % 1000).count().writeStream().format("memory")
                    .queryName("spread").outputMode("update").trigger(Trigger.continuous(60_000)).start();
            query.processAllAvailable();
            StateOperatorProgress state = query.lastProgress().stateOperators().get(0);
            assertThat(state.numRowsTotal()).isEqualTo(1000);
            assertThat(state.numRowsTotalPerInstance()).hasSize(2).allSatisfy(rows -> assertThat(rows).isBetween(300L, 700L));
            assertThat(state.numRowsTotalPerInstance().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
            assertThat(state.skew()).isBetween(0.5, 0.7);
            assertThat(query.lastProgress().json()).contains("\"numInstances\":2").contains("\"skew\":");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "micro-batch"})
    void shouldResumeOneCheckpointWithTwoThreeOneAndTwoInstancesExactly(String mode) throws Exception {
        List<Long> all = new ArrayList<>();
        int[] parallelisms = {2, 3, 1, 2};
        for (int run = 0; run < parallelisms.length; run++) {
            // Every run adds each key once more, so the last run's output holds every key's final count.
            for (long v = run * 1000L; v < run * 1000L + 1000; v++) {
                all.add(v);
            }
            try (StreamEngine engine = StreamEngine.builder().parallelism(parallelisms[run]).build()) {
                MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
                input.addData(all); // everything so far: the query resumes at its committed offsets
                StreamingQuery query = engine.readStream(input).groupByKey(v -> v % 500).count().writeStream()
                        .format("memory").queryName("rescaled").outputMode("update").trigger(trigger(mode))
                        .option("checkpointLocation", dir.resolve("checkpoint").toString()).start();
                query.processAllAvailable();
                query.stop();
                Map<Object, Object> counts = engine.table("rescaled").asMap();
                assertThat(counts).as("run %d at parallelism %d", run, parallelisms[run]).hasSize(500);
                long expected = 2L * (run + 1);
                assertThat(counts.values()).as("run %d at parallelism %d", run, parallelisms[run])
                        .allSatisfy(count -> assertThat(count).isEqualTo(expected));
            }
        }
    }

    @Test
    void shouldRefuseToResumeACheckpointWithAnotherNumberOfKeyGroups() throws Exception {
        String checkpoint = dir.resolve("checkpoint").toString();
        try (StreamEngine engine = StreamEngine.builder().parallelism(2).build()) {
            MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
            input.addData(LongStream.range(0, 100).boxed().toList());
            StreamingQuery query = engine.readStream(input).groupByKey(v -> v % 10).count().writeStream().format("memory")
                    .queryName("groups").outputMode("update").option("checkpointLocation", checkpoint).start();
            query.processAllAvailable();
            query.stop();
        }
        try (StreamEngine engine = StreamEngine.builder().parallelism(2).keyGroups(64).build()) {
            MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
            assertThatThrownBy(() -> engine.readStream(input).groupByKey(v -> v % 10).count().writeStream().format("memory")
                    .queryName("groups").outputMode("update").option("checkpointLocation", checkpoint).start())
                    .hasMessageContaining("was written with 128 key groups, but this engine has keyGroups=64")
                    .hasMessageContaining("keyGroups(128)");
        }
    }

    @Test
    void shouldNameTheOperatorWhenTheExchangeMeetsANullKey() throws Exception {
        try (StreamEngine engine = StreamEngine.builder().parallelism(2).build()) {
            MemoryStream<Long> input = new MemoryStream<>("numbers", PARTITIONS);
            input.addData(1L, 2L, 3L);
            StreamingQuery query = engine.readStream(input).groupByKey(v -> v == 2 ? null : v).count().writeStream()
                    .format("memory").queryName("nulls").outputMode("update").start();
            assertThatThrownBy(() -> query.awaitTermination(60_000)).cause()
                    .hasMessageContaining("The groupByKey key function of operator 1-count returned null for the record 2");
        }
    }

    @Test
    void shouldKeepTheFusedPlanOnTwoCoresAndUseTheFreeCoresOnLargerMachines() {
        assertThat(io.streamline.engine.config.EngineConfig.parallelismFor(2, 1)).isEqualTo(1);
        assertThat(io.streamline.engine.config.EngineConfig.parallelismFor(2, 2)).isEqualTo(1);
        assertThat(io.streamline.engine.config.EngineConfig.parallelismFor(8, 2)).isEqualTo(4);
        assertThat(io.streamline.engine.config.EngineConfig.parallelismFor(16, 2)).isEqualTo(8);
        assertThat(io.streamline.engine.config.EngineConfig.parallelismFor(4, 4)).isEqualTo(1);
        assertThatThrownBy(() -> StreamEngine.builder().keyGroups(4).parallelism(8))
                .hasMessageContaining("parallelism must be 0 (chosen from the cores) or between 1 and keyGroups (4), got 8");
    }

    private static Trigger trigger(String mode) {
        return mode.equals("continuous") ? Trigger.continuous(50) : Trigger.processingTime("20 ms");
    }
}
