package io.streamline.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.engine.source.RateRow;
import org.junit.jupiter.api.Test;


import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A union of a fast and a very slow input: every record must land in the epoch whose source offsets
 * (as committed) contain it, which only holds if markers are aligned across the union's inputs.
 */
class UnionAlignmentTest extends EngineTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Tagged(int input, long value) {
    }

    record Delivered(long epoch, int input, long value) {
    }



    @Test
    void shouldAssignEveryRecordToTheEpochOfItsCommittedOffsets() {
        DataStream<Tagged> fast = engine.readStream().format("rate").option("rowsPerSecond", 5000).<RateRow>load()
                .map(r -> new Tagged(0, r.value()));
        DataStream<Tagged> slow = engine.readStream().format("rate").option("rowsPerSecond", 15).<RateRow>load()
                .map(r -> new Tagged(1, r.value()));
        List<Delivered> delivered = new CopyOnWriteArrayList<>();
        StreamingQuery query = fast.union(slow).writeStream().trigger(Trigger.continuous(50))
                .option("checkpointLocation", dir.toString())
                .foreach(new ForeachWriter<>() {
                    private long epoch;

                    @Override
                    public boolean open(long partitionId, long epochId) {
                        epoch = epochId;
                        return true;
                    }

                    @Override
                    public void process(Tagged value) {
                        delivered.add(new Delivered(epoch, value.input(), value.value()));
                    }

                    @Override
                    public void close(Throwable error) {
                    }
                }).start();
        assertThat(query.explainString()).contains("fanin-").contains("ring '");

        Await.until("slow input delivered in several epochs",
                () -> delivered.stream().filter(d -> d.input() == 1).map(Delivered::epoch).distinct().count() >= 8);
        query.stop();

        Map<Long, StreamingQueryProgress> byEpoch = new java.util.HashMap<>();
        query.recentProgress().forEach(p -> byEpoch.put(p.epochId(), p));
        long checked = 0;
        for (Delivered d : delivered) {
            StreamingQueryProgress p = byEpoch.get(d.epoch());
            if (p == null) {
                continue; // older than the retained progress reports
            }
            StreamingQueryProgress.SourceProgress source = p.sources().get(d.input());
            assertThat(d.value()).as("input %d value %d in epoch %d", d.input(), d.value(), d.epoch())
                    .isGreaterThanOrEqualTo(offset(source.startOffset()))
                    .isLessThan(offset(source.endOffset()));
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static long offset(String json) {
        if (json == null) {
            return 0;
        }
        try {
            return Long.parseLong(JSON.readTree(json).get("0").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
