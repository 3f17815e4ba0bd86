package io.streamline.examples;

import io.streamline.kafka.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka examples against a real broker (in-process here, {@code examples/kafka/broker.sh} for a user): the
 * producer writes lines, the word count counts them in both modes, each in a JVM of its own that stops by itself
 * and leaves its temp directory empty.
 */
class KafkaExamplesTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldCountTheProducedWordsInBothModes() throws Exception {
        assertThat(run(KafkaProduce.class, "--bootstrap", kafka.bootstrapServers(), "--topic", "test", "--rate", "2000",
                "--count", "300")).contains("KafkaProduce: 300 lines written to test");
        Map<String, Long> expected = new HashMap<>();
        for (String line : kafka.readValues("test", false)) {
            for (String word : line.split(" ")) {
                expected.merge(word, 1L, Long::sum);
            }
        }
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300 * 6);

        assertThat(run(KafkaWordCount.class, "--bootstrap", kafka.bootstrapServers(), "--topic", "test", "--out", "counts-mb",
                "--mode", "micro-batch", "--seconds", "1")).contains("counts written to counts-mb (micro-batch)");
        assertThat(latestCounts(kafka.readAll("counts-mb", true))).isEqualTo(expected);

        assertThat(run(KafkaWordCount.class, "--bootstrap", kafka.bootstrapServers(), "--topic", "test", "--out", "counts-c",
                "--mode", "continuous", "--seconds", "1")).contains("counts written to counts-c (continuous)");
        assertThat(latestCounts(kafka.readAll("counts-c", false))).isEqualTo(expected);
    }

    /** The last count written per word (a word's counts only grow). */
    private static Map<String, Long> latestCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> counts = new HashMap<>();
        records.forEach(r -> counts.merge(new String(r.key(), StandardCharsets.UTF_8),
                Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)), Math::max));
        return counts;
    }

    private String run(Class<?> example, String... args) throws Exception {
        return ExampleJvm.run(dir, example, args);
    }
}
