package io.streamline.engine;

import io.streamline.engine.progress.LatencyPercentiles;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.source.MemoryStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EpochLatencyHistogramTest extends EngineTestSupport {
    @Test
    void shouldBeEmptyAndUntaggedBeforeTheFirstCommit() {
        MemoryStream<Long> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("noop")
                .trigger(Trigger.processingTime(10_000)).start();

        Histogram none = query.lastEpochLatencyHistogram();
        assertThat(none.getTotalCount()).isZero();
        assertThat(none.getTag()).isNull();
    }

    @Test
    void shouldBeTheHistogramOfTheLastBatchsReport() {
        MemoryStream<Long> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("noop")
                .trigger(Trigger.processingTime(10)).start();
        input.addData(1L, 2L, 3L);
        Await.until("a batch of three rows", () -> query.lastProgress() != null && query.lastProgress().numInputRows() == 3);
        input.addData(4L, 5L);
        Await.until("a batch of two rows", () -> query.lastProgress().numInputRows() == 2);
        query.stop();

        assertSameAsLastReport(query);
    }

    @Test
    void shouldBeTheHistogramOfTheLastEpochsReportInContinuousMode() {
        StreamingQuery query = engine.readStream().format("rate").option("rowsPerSecond", 2000).load()
                .writeStream().format("noop").trigger(Trigger.continuous(50)).start();
        Await.until("an epoch with records", () -> query.lastProgress() != null && query.lastProgress().latency().count() > 0);
        query.stop();

        assertSameAsLastReport(query);
    }

    private static void assertSameAsLastReport(StreamingQuery query) {
        StreamingQueryProgress last = query.lastProgress();
        Histogram epoch = query.lastEpochLatencyHistogram();
        assertThat(epoch.getTag()).isEqualTo(Long.toString(last.commitId()));
        assertThat(epoch.getTotalCount()).isEqualTo(last.latency().count());
        assertThat(LatencyPercentiles.of(epoch)).isEqualTo(last.latency());
    }
}
