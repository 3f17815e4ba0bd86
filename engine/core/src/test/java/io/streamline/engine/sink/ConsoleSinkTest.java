package io.streamline.engine.sink;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSinkTest {
    private static final SinkSetup CONTINUOUS_UPDATE = new SinkSetup(null, OutputMode.UPDATE, 0, 1, 0, null, false);
    private static final SinkSetup MICRO_BATCH_UPDATE = new SinkSetup(null, OutputMode.UPDATE, 0, 1, 0, null, true);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void shouldPrintEachEpochAsASparkStyleTableWithRecordComponentsAsColumns() throws Exception {
        SinkWriter<Object> writer = sink(2, false).open(CONTINUOUS_UPDATE);
        writer.write(new KeyValue<>("apple", 3L), Sinks.META);
        writer.write(new KeyValue<>("a-key-much-longer-than-twenty-characters", 12L), Sinks.META);
        writer.write(new KeyValue<>("cherry", 1L), Sinks.META);
        Sinks.commit(writer, 4);
        Sinks.commit(writer, 5); // empty epochs print nothing

        assertThat(printed()).isEqualTo("""
                -------------------------------------------
                Epoch: 4
                -------------------------------------------
                +--------------------+-----+
                |                 key|value|
                +--------------------+-----+
                |               apple|    3|
                |a-key-much-longer...|   12|
                +--------------------+-----+
                only showing top 2 rows of 3

                """);
    }

    @Test
    void shouldShowTheLatestRowOfEachKeyPerContinuousEpochInUpdateMode() throws Exception {
        SinkWriter<Object> writer = sink(20, false).open(CONTINUOUS_UPDATE);
        writer.write(new KeyValue<>("to", 3L), Sinks.META);
        writer.write(new KeyValue<>("be", 1L), Sinks.META);
        writer.write(new KeyValue<>("to", 4L), Sinks.META);
        Sinks.commit(writer, 7);

        assertThat(printed()).contains("| to|    4|\n| be|    1|\n").doesNotContain("|    3|").doesNotContain("only showing");
    }

    @Test
    void shouldShowEveryChangeWhenAsked() throws Exception {
        SinkWriter<Object> writer = sink(20, true).open(CONTINUOUS_UPDATE);
        writer.write(new KeyValue<>("to", 3L), Sinks.META);
        writer.write(new KeyValue<>("to", 4L), Sinks.META);
        Sinks.commit(writer, 7);

        assertThat(printed()).contains("| to|    3|\n| to|    4|\n");
    }

    @Test
    void shouldHeadMicroBatchesWithTheirBatchIdAsSparkDoes() throws Exception {
        SinkWriter<Object> writer = sink(20, false).open(MICRO_BATCH_UPDATE);
        writer.write(new KeyValue<>("to", 4L), Sinks.META);
        Sinks.commit(writer, 2);

        assertThat(printed()).startsWith("-------------------------------------------\nBatch: 2\n").doesNotContain("Epoch");
    }

    private ConsoleSink sink(int numRows, boolean showEveryChange) {
        return new ConsoleSink(numRows, true, showEveryChange, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
