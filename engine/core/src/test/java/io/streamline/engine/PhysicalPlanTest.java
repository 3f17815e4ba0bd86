package io.streamline.engine;

import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators fuse into the task of their input; rings appear only at real thread boundaries. */
class PhysicalPlanTest extends EngineTestSupport {
    @Test
    void shouldFuseAWholeStatelessAndStatefulChainOntoTheSourceThread() {
        String plan = engine.readStream().format("rate").<RateRow>load().map(RateRow::value).filter(v -> v > 0)
                .groupByKey(v -> v % 7).count()
                .writeStream().format("memory").queryName("fused").outputMode("update").start().explainString();
        assertThat(plan).contains("Threads: 1 task threads")
                .contains("source 0-rate/0 -> map -> filter -> count -> sink MemorySink[fused]")
                .doesNotContain("ring '");
    }

    @Test
    void shouldFanInSourcePartitionsThroughRingsBeforeASingleInstanceOperator() {
        String plan = engine.readStream().format("rate").option("numPartitions", 2).<RateRow>load().map(RateRow::value)
                .groupByKey(v -> v % 7).count()
                .writeStream().format("memory").queryName("partitioned").outputMode("update").start().explainString();
        assertThat(plan).contains("Threads: 3 task threads")
                .contains("source 0-rate/0 -> map -> ring 'fanin-2-count#0'")
                .contains("source 0-rate/1 -> map -> ring 'fanin-2-count#1'")
                .contains("ring 'fanin-2-count#0' (4096 slots) + ring 'fanin-2-count#1' (4096 slots) -> count -> sink");
    }

    @Test
    void shouldRunTheYieldFirstBackoffWhenTaskThreadsOutnumberTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        String plan = engine.readStream().format("rate").option("numPartitions", cores + 1).<RateRow>load()
                .groupByKey(r -> r.value() % 7).count()
                .writeStream().format("memory").queryName("oversubscribed").outputMode("update").start().explainString();
        assertThat(plan).contains("Threads: " + (cores + 2) + " task threads")
                .contains("idle strategy: YIELD_BACKOFF (BACKOFF requested, but " + (cores + 2) + " task threads > "
                        + cores + " cores)");
    }

    /** Stateful because it says so: a state of its own. */
    static final class Distinct implements io.streamline.engine.operator.Operator<Long, Long> {
        private final io.streamline.engine.state.KeyedState<Long, Boolean> seen = new io.streamline.engine.state.KeyedState<>();

        @Override
        public void process(Long value, io.streamline.engine.operator.RecordMeta meta, io.streamline.engine.operator.Output<Long> out) {
            if (seen.get(value) == null) {
                seen.put(value, Boolean.TRUE);
                out.emit(value);
            }
        }

        @Override
        public io.streamline.engine.operator.OperatorState state() {
            return seen;
        }
    }

    @Test
    void shouldRunAnOperatorThatHasStateAsOneInstanceAndCommitItsEpochs() {
        StreamingQuery query = engine.readStream().format("rate").option("numPartitions", 2).option("rowsPerSecond", 1000)
                .<RateRow>load().map(r -> r.value() % 5).transform("distinct", context -> new Distinct())
                .writeStream().format("memory").queryName("distinct").trigger(Trigger.continuous(20)).start();
        assertThat(query.explainString()).contains("source 0-rate/0 -> map -> ring 'fanin-2-distinct#0'")
                .contains("ring 'fanin-2-distinct#0' (4096 slots) + ring 'fanin-2-distinct#1' (4096 slots) -> distinct -> sink");
        Await.until("epochs commit with the operator's state acknowledged", () -> query.lastProgress() != null
                && query.lastProgress().stateOperators().size() == 1 && query.lastProgress().epochId() >= 2);
        Await.until("five distinct values", () -> engine.table("distinct").rows().size() == 5);
    }

    @Test
    void shouldGiveEveryPartitionASinkWriterOfItsOwnWhenTheSinkTakesThem() {
        String plan = engine.readStream().format("rate").option("numPartitions", 2).<RateRow>load().map(RateRow::value)
                .writeStream().format("noop").start().explainString();
        assertThat(plan).contains("Threads: 2 task threads")
                .contains("source 0-rate/0 -> map -> sink NoopSink [partition 0]")
                .contains("source 0-rate/1 -> map -> sink NoopSink [partition 1]")
                .doesNotContain("ring '");
    }

    @Test
    void shouldGiveTheConsoleSinkItsOwnThreadBehindARing() {
        String plan = engine.readStream(new MemoryStream<Long>("in")).map(v -> v + 1)
                .writeStream().format("console").start().explainString();
        assertThat(plan).contains("Threads: 2 task threads")
                .contains("source 0-memory/0 -> map -> ring 'sink-console#0'")
                .contains("ring 'sink-console#0' (4096 slots) -> sink ConsoleSink");
    }

    @Test
    void shouldRunMicroBatchesOnOneDriverThreadWithoutRings() {
        MemoryStream<Long> a = new MemoryStream<>("a");
        MemoryStream<Long> b = new MemoryStream<>("b");
        String plan = engine.readStream(a).union(engine.readStream(b)).groupByKey(v -> v % 2).count()
                .writeStream().format("memory").queryName("batched").outputMode("update")
                .trigger(Trigger.processingTime(100)).start().explainString();
        assertThat(plan).contains("1 batch driver").doesNotContain("ring '")
                .contains("source 0-memory/0 -> join fanin-2-union").contains("source 1-memory/0 -> join fanin-2-union");
    }
}
