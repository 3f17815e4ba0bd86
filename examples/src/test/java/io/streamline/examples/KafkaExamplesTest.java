package io.streamline.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.kafka.EmbeddedKafka;
import io.streamline.kafka.EmbeddedKafkaPerClass;
import io.streamline.operators.ml.Scorer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka examples against a real broker (in-process here, {@code examples/kafka/broker.sh} for a user): the
 * producer writes lines, the word count counts them in both modes; the producer writes card transactions, the fraud
 * detection alerts on those its model scores above the threshold, in both modes. Each runs in a JVM of its own that
 * stops by itself and leaves its temp directory empty.
 */
class KafkaExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final EmbeddedKafkaPerClass KAFKA = new EmbeddedKafkaPerClass();

    @TempDir
    Path dir;

    @Test
    void shouldCountTheProducedWordsInBothModes() throws Exception {
        EmbeddedKafka kafka = KAFKA.broker();
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
        assertThat(latestCounts(kafka.readAll("counts-c", true))).isEqualTo(expected);
    }

    @Test
    void shouldAlertOnEveryTransactionScoredAboveTheThresholdInBothModes() throws Exception {
        EmbeddedKafka kafka = KAFKA.broker();
        assertThat(run(KafkaProduce.class, "--bootstrap", kafka.bootstrapServers(), "--topic", "transactions", "--kind",
                "transactions", "--rate", "5000", "--count", "3000")).contains("KafkaProduce: 3000 lines written to transactions");
        List<CardTransaction> transactions = kafka.readValues("transactions", false).stream().map(CardTransaction::parseCsv).toList();
        assertThat(transactions).hasSize(3000);
        kafka.produce("transactions", 0, List.of("not a transaction"));

        // Micro-batch mode, each batch's alerts in one transaction: every alert exactly once for a read_committed reader.
        assertThat(run(KafkaFraudDetection.class, "--bootstrap", kafka.bootstrapServers(), "--in", "transactions", "--out",
                "alerts-mb", "--mode", "micro-batch", "--model", "logistic", "--seconds", "1"))
                .contains("alerts written to alerts-mb (micro-batch) from 3000 transactions; 1 lines skipped as not transactions");
        List<Long> expected = aboveThreshold("logistic", transactions);
        assertThat(expected).as("some transactions, not all, are alerts").isNotEmpty().hasSizeLessThan(300);
        assertThat(alerted(kafka.readAll("alerts-mb", true), transactions)).containsExactlyInAnyOrderElementsOf(expected);

        // Continuous mode, each epoch's alerts in one transaction: every alert exactly once for a read_committed reader.
        assertThat(run(KafkaFraudDetection.class, "--bootstrap", kafka.bootstrapServers(), "--in", "transactions", "--out",
                "alerts-c", "--mode", "continuous", "--model", "onnx", "--seconds", "1"))
                .contains("alerts written to alerts-c (continuous) from 3000 transactions");
        assertThat(alerted(kafka.readAll("alerts-c", true), transactions))
                .containsExactlyInAnyOrderElementsOf(aboveThreshold("onnx", transactions));
    }

    /** The ids of the transactions the model {@code kind} scores above 0.9, the examples' default threshold. */
    private static List<Long> aboveThreshold(String kind, List<CardTransaction> transactions) throws Exception {
        try (FraudModel model = FraudModel.load(kind)) {
            Scorer scorer = model.model().scorer();
            return transactions.stream().filter(t -> scorer.score(t.features()) > 0.9).map(CardTransaction::id).toList();
        }
    }

    /** The transaction id of each alert, checked against its key and against the transaction it names. */
    private static List<Long> alerted(List<ConsumerRecord<byte[], byte[]>> alerts, List<CardTransaction> transactions) {
        Map<Long, CardTransaction> byId = new HashMap<>();
        transactions.forEach(t -> byId.put(t.id(), t));
        return alerts.stream().map(r -> {
            JsonNode alert = json(r.value());
            long id = alert.path("txn").path("id").asLong();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(Long.toString(id));
            assertThat(alert.path("txn").path("amount").asDouble()).isEqualTo(byId.get(id).amount());
            assertThat(alert.path("probability").asDouble()).isGreaterThan(0.9);
            return id;
        }).toList();
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("an alert that is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
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
