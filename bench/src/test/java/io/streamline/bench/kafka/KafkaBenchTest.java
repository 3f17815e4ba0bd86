package io.streamline.bench.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bench/run.sh --kafka} on the in-process broker, briefly (1,000 rec/s, 1 s warm-up, 2 s measured): every
 * engine workload delivers what it was sent, in both modes, and a pipeline that ends by itself stops the bench with
 * its exit status instead of being measured as one that delivers nothing. No timing is asserted.
 */
class KafkaBenchTest {
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
    void shouldDeliverEveryRecordsCountThroughTheKeyedCountInBothModes() throws Exception {
        for (String mode : new String[]{"continuous", "micro-batch"}) {
            JsonNode result = run("kafka-keyed-count", mode);

            assertThat(result.get("records").asLong()).as(mode + ": records counted and written").isPositive()
                    .isEqualTo(result.get("sent").asLong());
            assertThat(result.get("p50Us").asDouble()).as(mode).isPositive();
        }
    }

    @Test
    void shouldDeliverEveryRecordThroughThePassthroughAndTheFloor() throws Exception {
        for (String workload : new String[]{"kafka-passthrough", "kafka-floor"}) {
            JsonNode result = run(workload, "continuous");

            assertThat(result.get("records").asLong()).as(workload).isPositive().isEqualTo(result.get("sent").asLong());
        }
    }

    @Test
    void shouldStopWithTheExitStatusOfAnExternalPipelineThatEnded() {
        assertThatThrownBy(() -> KafkaBench.main(new String[]{"--bootstrap", kafka.bootstrapServers(), "--workloads",
                "kafka-keyed-count", "--rates", "1000", "--seconds", "2", "--warmup", "1", "--external", "sh -c exit",
                "--label", "a pipeline that exits", "--json", dir.resolve("external.json").toString()}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with status 0");
    }

    private JsonNode run(String workload, String mode) throws Exception {
        Path json = dir.resolve(workload + "-" + mode + ".json");
        KafkaBench.main(new String[]{"--bootstrap", kafka.bootstrapServers(), "--workloads", workload, "--modes", mode,
                "--rates", "1000", "--seconds", "2", "--warmup", "1", "--json", json.toString()});
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(dir.resolve(result.get("hgrmFile").asText())).exists();
        assertThat(Files.readString(json)).contains("\"workload\" : \"" + workload + "\"");
        return result;
    }
}
