package io.streamline.kafka;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared sink contract on the Kafka sink: a topic per test on the in-process broker, read back with
 * {@code read_committed} (what a transactional reader sees); exactly-once in both modes.
 */
class KafkaSinkContractTest extends SinkContract {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
        Files.writeString(addressFile(ProcessHandle.current().pid()), kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws IOException {
        kafka.close();
        Files.deleteIfExists(addressFile(ProcessHandle.current().pid()));
    }

    /** Where the test JVM {@code pid} leaves its broker's address for the contract's child JVMs (its children). */
    private static Path addressFile(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "streamline-kafka-contract-" + pid);
    }

    private static String bootstrap() throws IOException {
        return kafka != null ? kafka.bootstrapServers()
                : Files.readString(addressFile(ProcessHandle.current().parent().orElseThrow().pid())).trim();
    }

    /** The test's topic, named after its directory; the producer of whichever JVM writes first creates it. */
    private static String topicOf(Path dir) {
        return "sink-contract-" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode());
    }

    @Override
    protected String format() {
        return "kafka";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        try {
            return Map.of("kafka.bootstrap.servers", bootstrap(), "topic", topicOf(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test broker's address", e);
        }
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        String topic = topicOf(dir);
        if (kafka.admin().listTopics().names().get().stream().noneMatch(topic::equals)) {
            return List.of(); // nothing was written yet
        }
        return kafka.readValues(topic, true).stream().map(Long::parseLong).toList();
    }

    @Override
    protected Delivery delivery(boolean microBatch) {
        return Delivery.EXACTLY_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("kafka.bootstrap.servers", "required", () -> make(dir, "kafka.bootstrap.servers", " ")),
                new BadOption("kafka.value.serializer", "sets value.serializer itself", () -> make(dir, "kafka.value.serializer", "x")),
                new BadOption("deliveryGuarantee", "accepted: exactly-once (the default), at-least-once",
                        () -> make(dir, "deliveryGuarantee", "twice")),
                new BadOption("topics", "accepted options: deliveryGuarantee, topic", () -> make(dir, "topics", "t")));
    }

    private void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        KafkaSink.fromOptions(new Options("sink 'kafka'", options));
    }
}
