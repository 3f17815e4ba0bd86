package io.streamline.engine.sink;

import io.streamline.engine.KeyValue;
import io.streamline.engine.OutputMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSinkTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void shouldPrintEachEpochAsASparkStyleTableWithRecordComponentsAsColumns() throws Exception {
        SinkWriter<Object> writer = new ConsoleSink(2, true, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .open(new SinkSetup(null, OutputMode.UPDATE, 0, 1, 0, null, false));
        writer.write(new KeyValue<>("apple", 3L), Sinks.META);
        writer.write(new KeyValue<>("a-key-much-longer-than-twenty-characters", 12L), Sinks.META);
        writer.write(new KeyValue<>("cherry", 1L), Sinks.META);
        Sinks.commit(writer, 4);
        Sinks.commit(writer, 5); // empty epochs print nothing

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
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
}
