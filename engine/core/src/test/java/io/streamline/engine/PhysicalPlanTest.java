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
