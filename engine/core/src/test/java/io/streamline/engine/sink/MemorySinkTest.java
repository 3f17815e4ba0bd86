package io.streamline.engine.sink;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemorySinkTest {
    private final MemoryTable<Object> table = new MemoryTable<>("t");

    @Test
    void shouldSkipABatchAlreadyAppliedInMicroBatchMode() throws Exception {
        SinkWriter<Object> writer = new MemorySink<>(table).open(new SinkSetup("t", OutputMode.APPEND, 0, 1, 0, null, true));
        writer.write("a", Sinks.META);
        Sinks.commit(writer, 0);
        writer.write("a", Sinks.META); // batch 0 re-run after a crash before its commit record
        Sinks.commit(writer, 0);
        writer.write("b", Sinks.META);
        Sinks.commit(writer, 1);
        assertThat(table.rows()).containsExactly("a", "b");
    }

    @Test
    void shouldApplyEveryEpochInContinuousModeWhereAReplayedIdCanHoldOtherRows() throws Exception {
        SinkWriter<Object> writer = new MemorySink<>(table).open(new SinkSetup("t", OutputMode.APPEND, 0, 1, 0, null, false));
        writer.write("a", Sinks.META);
        Sinks.commit(writer, 0);
        writer.write("b", Sinks.META);
        Sinks.commit(writer, 0);
        assertThat(table.rows()).containsExactly("a", "b");
    }

    @Test
    void shouldKeepTheLatestValuePerKeyInUpdateMode() throws Exception {
        SinkWriter<Object> writer = new MemorySink<>(table).open(new SinkSetup("t", OutputMode.UPDATE, 0, 1, 0, null, false));
        writer.write(new KeyValue<>("k", 1L), Sinks.META);
        writer.write(new KeyValue<>("k", 2L), Sinks.META);
        writer.write(new KeyValue<>("j", 1L), Sinks.META);
        Sinks.commit(writer, 0);
        assertThat(table.asMap()).isEqualTo(Map.of("k", 2L, "j", 1L));
    }
}
