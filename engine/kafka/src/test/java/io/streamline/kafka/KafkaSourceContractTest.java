package io.streamline.kafka;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The shared source contract on the Kafka source: a one-partition topic per test on the in-process broker, whose
 * address and topic the test writes under its directory so the contract's child JVMs reach the same broker.
 */
class KafkaSourceContractTest extends SourceContract<KafkaRecord> {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Override
    protected String format() {
        return "kafka";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        try {
            return Map.of("kafka.bootstrap.servers", Files.readString(dir.resolve("bootstrap")).trim(),
                    "subscribe", Files.readString(dir.resolve("topic")).trim(), "startingOffsets", "earliest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void setUp(Path dir) throws Exception {
        String topic = KafkaTestSupport.topic("contract");
        kafka.createTopic(topic, 1);
        Files.writeString(dir.resolve("bootstrap"), kafka.bootstrapServers());
        Files.writeString(dir.resolve("topic"), topic);
    }

    @Override
    protected void append(Path dir, long from, long to) throws Exception {
        kafka.produce(Files.readString(dir.resolve("topic")).trim(), 0, LongStream.range(from, to).mapToObj(Long::toString).toList());
    }

    @Override
    protected long keyOf(KafkaRecord record) {
        return Long.parseLong(record.valueString());
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("maxOffsetsPerTrigger", "positive whole number", () -> make(dir, "maxOffsetsPerTrigger", "0")),
                new BadOption("startingOffsets", "'earliest', 'latest' or JSON", () -> make(dir, "startingOffsets", "beginning")),
                new BadOption("assign", "exactly one of the options", () -> make(dir, "assign", "{\"t\":[0]}")),
                new BadOption("kafka.auto.offset.reset", "sets auto.offset.reset itself", () -> make(dir, "kafka.auto.offset.reset", "earliest")));
    }

    private void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        KafkaSource.fromOptions(new Options("source 'kafka'", options));
    }
}
