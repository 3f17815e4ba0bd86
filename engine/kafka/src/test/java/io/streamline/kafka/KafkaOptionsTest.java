package io.streamline.kafka;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad Kafka options fail at {@code start()} with a message naming the option and what is accepted; no broker needed. */
class KafkaOptionsTest {
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        engine.close();
    }

    private void startSource(Map<String, String> options) {
        var reader = engine.readStream().format("kafka");
        options.forEach(reader::option);
        reader.load().writeStream().format("memory").queryName("t")
                .option("checkpointLocation", dir.toString()).trigger(Trigger.availableNow()).start();
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> startSource(Map.of("subscribe", "t")))
                .hasMessageContaining("Option 'kafka.bootstrap.servers' is required for source 'kafka'");
    }

    @Test
    void shouldRequireExactlyOneWayToNamePartitions() {
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "assign", "{\"t\":[0]}")))
                .hasMessageContaining("exactly one of the options 'subscribe'").hasMessageContaining("got 2");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9")))
                .hasMessageContaining("none was given");
    }

    @Test
    void shouldRejectMalformedOffsetsAndAssignJson() {
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "startingOffsets", "{\"t\":{\"0\":\"x\"}}")))
                .hasMessageContaining("Option 'startingOffsets' of the kafka source is not valid JSON of the form");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "startingOffsets", "{\"t\":{\"0\":")))
                .hasMessageContaining("Option 'startingOffsets' of the kafka source is not valid JSON");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "startingOffsets", "beginning")))
                .hasMessageContaining("must be 'earliest', 'latest' or JSON");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "assign", "[\"t\"]")))
                .hasMessageContaining("Option 'assign' of the kafka source is not valid JSON of the form {\"topicA\":[0,1]");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "endingOffsets", "earliest")))
                .hasMessageContaining("Option 'endingOffsets' of the kafka source must be 'latest' or JSON");
    }

    @Test
    void shouldRejectUnknownAndReservedOptions() {
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t", "topics", "t")))
                .hasMessageContaining("Unknown option 'topics' for source 'kafka'").hasMessageContaining("subscribePattern");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "kafka.auto.offset.reset", "earliest")))
                .hasMessageContaining("Kafka option 'kafka.auto.offset.reset' is not supported");
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "maxOffsetsPerTrigger", "0")))
                .hasMessageContaining("Option 'maxOffsetsPerTrigger'").hasMessageContaining("positive whole number");
    }

    @Test
    void shouldFailWithinTheApiTimeoutWhenNoBrokerAnswers() {
        // Nothing listens on port 9 of the loopback interface: the metadata request times out.
        assertThatThrownBy(() -> startSource(Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "t",
                "kafka.default.api.timeout.ms", "1500")))
                .hasMessageContaining("The kafka source cannot reach the brokers at 127.0.0.1:9 (kafka.bootstrap.servers)"
                        + " within 1500 ms (kafka.default.api.timeout.ms)");
    }

    @Test
    void shouldCheckTheSinksOptions() {
        MemoryStream<String> input = new MemoryStream<>("in");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("kafka").option("topic", "t")
                .option("checkpointLocation", dir.toString()).start())
                .hasMessageContaining("Option 'kafka.bootstrap.servers' is required for sink 'kafka'");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("kafka").option("topic", "t")
                .option("kafka.bootstrap.servers", "127.0.0.1:9").option("kafka.value.serializer", "x")
                .option("checkpointLocation", dir.toString()).start())
                .hasMessageContaining("Kafka option 'kafka.value.serializer' is not supported");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("kafka").option("topics", "t")
                .option("kafka.bootstrap.servers", "127.0.0.1:9").option("checkpointLocation", dir.toString()).start())
                .hasMessageContaining("Unknown option 'topics' for sink 'kafka'; accepted options: deliveryGuarantee, topic");
        assertThatThrownBy(() -> engine.readStream(input).writeStream().format("kafka").option("topic", "t")
                .option("deliveryGuarantee", "twice").option("kafka.bootstrap.servers", "127.0.0.1:9")
                .option("checkpointLocation", dir.toString()).start())
                .hasMessageContaining("Option 'deliveryGuarantee' of sink 'kafka' is 'twice'; accepted: exactly-once (the default),"
                        + " at-least-once");
    }
}
