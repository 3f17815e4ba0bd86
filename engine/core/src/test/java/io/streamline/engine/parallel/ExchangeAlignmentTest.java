package io.streamline.engine.parallel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.progress.StreamingQueryProgress;
import io.streamline.engine.sink.ForeachWriter;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.state.KeyedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import static io.streamline.engine.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two producers into a keyed operator with two instances, one of them slow: every instance aligns the markers of
 * both, so every record lands in the epoch whose committed source offsets contain it, even though the fast
 * producer runs epochs ahead of the slow one's records.
 */
class ExchangeAlignmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 6_000;

    @TempDir
    Path dir;

    record Delivered(long epoch, long value) {
    }

    /** Passes every record, counting records per key in keyed state. */
    static final class CountingPassThrough implements Operator<Long, Long> {
        private final KeyedState<Long, Long> counts = new KeyedState<>();

        @Override
        public void process(Long value, RecordMeta meta, Output<Long> out) {
            Long count = counts.get(value % 50);
            counts.put(value % 50, count == null ? 1 : count + 1);
            out.emit(value);
        }

        @Override
        public OperatorState state() {
            return counts;
        }
    }

    @Test
    void shouldPutEveryRecordInTheEpochOfItsOffsetsWithASlowAndAFastProducer() throws Exception {
        MemoryStream<Long> input = new MemoryStream<>("numbers", 2); // partition 0 takes the even values, 1 the odd
        input.addData(LongStream.range(0, ROWS).boxed().toList());
        List<Delivered> delivered = new CopyOnWriteArrayList<>();
        try (StreamEngine engine = StreamEngine.builder().parallelism(2).build()) {
            StreamingQuery query = engine.readStream(input)
                    .map(v -> {
                        if (v % 2 == 1) {
                            LockSupport.parkNanos(100_000); // the odd partition's producer is the slow one
                        }
                        return v;
                    })
                    .groupByKey(v -> v % 50).transform("passThrough", context -> new CountingPassThrough(), false)
                    .writeStream().trigger(Trigger.continuous(20))
                    .option("checkpointLocation", dir.toString()).foreach(new ForeachWriter<Long>() {
                        private long epoch;

                        @Override
                        public boolean open(long partitionId, long epochId) {
                            epoch = epochId;
                            return true;
                        }

                        @Override
                        public void process(Long value) {
                            delivered.add(new Delivered(epoch, value));
                        }

                        @Override
                        public void close(Throwable error) {
                        }
                    }).start();
            assertThat(query.explainString()).contains("exchange by key to 2 instances");
            until("every record delivered", () -> delivered.size() == ROWS);
            query.processAllAvailable();
            query.stop();

            Map<Long, StreamingQueryProgress> byEpoch = new HashMap<>();
            query.recentProgress().forEach(p -> byEpoch.put(p.epochId(), p));
            long checked = 0;
            long lastFastEpoch = 0;
            long lastSlowEpoch = 0;
            for (Delivered d : delivered) {
                int partition = (int) (d.value() % 2);
                if (partition == 0) {
                    lastFastEpoch = Math.max(lastFastEpoch, d.epoch());
                } else {
                    lastSlowEpoch = Math.max(lastSlowEpoch, d.epoch());
                }
                StreamingQueryProgress p = byEpoch.get(d.epoch());
                if (p == null) {
                    continue; // older than the retained progress reports
                }
                StreamingQueryProgress.SourceProgress source = p.sources().get(0);
                long position = d.value() / 2;
                assertThat(position).as("value %d in epoch %d", d.value(), d.epoch())
                        .isGreaterThanOrEqualTo(offset(source.startOffset(), partition))
                        .isLessThan(offset(source.endOffset(), partition));
                checked++;
            }
            assertThat(checked).isGreaterThan(ROWS / 2);
            assertThat(lastSlowEpoch).as("the slow producer's records reached epochs after the fast one had finished")
                    .isGreaterThan(lastFastEpoch);
        }
    }

    private static long offset(String json, int partition) {
        if (json == null) {
            return 0;
        }
        try {
            return Long.parseLong(JSON.readTree(json).get(Integer.toString(partition)).asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
