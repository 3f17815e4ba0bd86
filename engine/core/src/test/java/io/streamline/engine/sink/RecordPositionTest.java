package io.streamline.engine.sink;

import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.operator.RecordPosition;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record positions at the sink: numbered 0, 1, 2, ... per sink partition, for plain rows and for a running count's
 * unboxed rows alike, and continued from the last commit's count when the query restarts on its checkpoint.
 */
class RecordPositionTest extends EngineTestSupport {
    /** What the writer was given: the word, its count, and the row's position. */
    private record Seen(String word, long count, long epoch, int partition, long sequence) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Test
    void shouldNumberRowsFromZeroAndContinueAfterARestartOnTheCheckpoint() throws Exception {
        MemoryStream<String> words = new MemoryStream<>("words");
        words.addData("a", "b", "a", "c", "a");
        StreamingQuery first = start(words);
        first.processAllAvailable();
        first.stop();
        assertThat(seen).extracting(Seen::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(seen).extracting(Seen::count).containsExactly(1L, 1L, 2L, 1L, 3L);
        assertThat(seen).extracting(Seen::partition).containsOnly(0);
        long lastEpoch = seen.get(seen.size() - 1).epoch();

        seen.clear();
        words.addData("b", "a", "d");
        StreamingQuery second = start(words);
        second.processAllAvailable();
        second.stop();
        assertThat(seen).extracting(Seen::sequence).as("numbering continues from the last commit").containsExactly(5L, 6L, 7L);
        assertThat(seen).extracting(Seen::count).containsExactly(2L, 4L, 1L);
        assertThat(seen).allSatisfy(s -> assertThat(s.epoch()).isGreaterThan(lastEpoch));
    }

    private StreamingQuery start(MemoryStream<String> words) {
        return engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().outputMode("update").foreach(new Recorder())
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.continuous(50)).start();
    }

    private final class Recorder implements ForeachWriter<KeyValue<String, Long>> {
        @Override
        public boolean open(long partitionId, long epochId) {
            return true;
        }

        @Override
        public void process(KeyValue<String, Long> value) {
            throw new AssertionError("the engine calls process(value, position)");
        }

        @Override
        public void process(KeyValue<String, Long> value, RecordPosition position) {
            seen.add(new Seen(value.key(), value.value(), position.epoch(), position.partition(), position.sequence()));
        }

        @Override
        public void close(Throwable error) {
        }
    }
}
