package io.streamline.kafka;

import io.streamline.engine.Await;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka sink on a real broker, in both modes; the crash tests prove the guarantees. */
class KafkaSinkTest extends KafkaTestSupport {

    @Test
    void shouldWriteEveryRecordInContinuousMode() throws Exception {
        String topic = topic("out");
        kafka.createTopic(topic, 1);
        MemoryStream<String> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", topic)
                .option("checkpointLocation", dir.toString()).trigger(Trigger.continuous(100)).start();
        input.addData("a", "b", "c");
        query.processAllAvailable();
        assertThat(kafka.readValues(topic, false)).containsExactly("a", "b", "c");
        assertThat(kafka.readAll(topic, false)).allSatisfy(r -> assertThat(r.key()).isNull());
    }

    @Test
    void shouldCommitEachEpochAsOneTransactionOnAlternatingProducersInContinuousMode() throws Exception {
        String topic = writeTwoEpochs("epochs", "exactly-once");
        List<ConsumerRecord<byte[], byte[]>> committed = kafka.readAll(topic, true);
        assertThat(committed).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("a", "b", "c");
        // Two transactions: each ends with a commit marker, which takes an offset of its own.
        assertThat(committed).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 3L);
        // Each epoch's id travels with its transaction, on the two producers in turn.
        String id = "streamline-" + KafkaSink.queryId(dir) + "-0";
        long first = committedEpoch(id + "-c0");
        long second = committedEpoch(id + "-c1");
        assertThat(first).as("the epoch of the first transaction").isNotNegative();
        assertThat(second).as("the epoch of the second, on the other producer").isGreaterThan(first);
    }

    @Test
    void shouldWriteWithoutTransactionsWhenAskedForAtLeastOnce() throws Exception {
        String topic = writeTwoEpochs("alo", "at-least-once");
        // No transaction: no commit markers between the records, and no epoch stored with them.
        assertThat(kafka.readAll(topic, true)).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
        String id = "streamline-" + KafkaSink.queryId(dir) + "-0";
        assertThat(committedEpoch(id + "-c0")).isEqualTo(-1);
        assertThat(committedEpoch(id + "-c1")).isEqualTo(-1);
    }

    /**
     * Writes "a" and "b" in one continuous epoch and "c" in the next to a new topic, returned. Epochs last a minute:
     * they end only where {@code processAllAvailable()} ends one.
     */
    private String writeTwoEpochs(String name, String deliveryGuarantee) throws Exception {
        String topic = topic(name);
        kafka.createTopic(topic, 1);
        MemoryStream<String> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", topic)
                .option("deliveryGuarantee", deliveryGuarantee)
                .option("checkpointLocation", dir.toString()).trigger(Trigger.continuous(60_000)).start();
        input.addData("a", "b");
        query.processAllAvailable();
        input.addData("c");
        query.processAllAvailable();
        return topic;
    }

    private static long committedEpoch(String group) throws Exception {
        return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .mapToLong(o -> o.offset() - 1).max().orElse(-1);
    }

    @Test
    void shouldCommitEachBatchAsOneTransactionInMicroBatchMode() throws Exception {
        String topic = topic("txn");
        kafka.createTopic(topic, 1);
        MemoryStream<KeyValue<String, Long>> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", topic)
                .option("checkpointLocation", dir.toString()).trigger(Trigger.processingTime(50)).start();
        input.addData(new KeyValue<>("x", 1L), new KeyValue<>("y", 2L));
        query.processAllAvailable();
        input.addData(new KeyValue<>("x", 3L));
        query.processAllAvailable();

        List<ConsumerRecord<byte[], byte[]>> committed = kafka.readAll(topic, true);
        assertThat(committed).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("x", "y", "x");
        assertThat(committed).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("1", "2", "3");
        // Two transactions: each ends with a commit marker, which takes an offset of its own.
        assertThat(committed).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 3L);
        // The batch id travels with the transaction, as the offset of the group named like the transactional id.
        String group = "streamline-" + KafkaSink.queryId(dir) + "-0";
        assertThat(kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values())
                .extracting(o -> o.offset()).containsExactly(2L);
    }

    @Test
    void shouldPassKafkaRecordsThroughWithTheirTopicKeyAndHeaders() throws Exception {
        String in = topic("pass-in");
        String out = topic("pass-out");
        kafka.createTopic(in, 1);
        kafka.createTopic(out, 1);
        MemoryStream<KafkaRecord> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("checkpointLocation", dir.toString()).trigger(Trigger.continuous(100)).start();
        input.addData(new KafkaRecord("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), out, 0, 7, 1L, 0,
                List.of(new KafkaHeader("h", "1".getBytes(StandardCharsets.UTF_8)))));
        query.processAllAvailable();
        ConsumerRecord<byte[], byte[]> r = kafka.readAll(out, false).get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8)).isEqualTo("1");
    }

    @Test
    void shouldEncodeRowsWithTheGivenEncoders() throws Exception {
        String topic = topic("encoded");
        kafka.createTopic(topic, 1);
        record Reading(String sensor, long value) {
        }
        MemoryStream<Reading> input = new MemoryStream<>("in");
        KafkaSink<Reading> sink = KafkaSink.<Reading>builder().bootstrapServers(kafka.bootstrapServers()).topic(topic)
                .encoder(RecordEncoder.of(null, Reading::sensor, Encoder.strings(), Reading::value, Encoder.longs())).build();
        StreamingQuery query = engine.readStream(input).writeStream().sink(sink)
                .option("checkpointLocation", dir.toString()).trigger(Trigger.continuous(100)).start();
        input.addData(new Reading("s1", 42));
        query.processAllAvailable();
        ConsumerRecord<byte[], byte[]> r = kafka.readAll(topic, false).get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s1");
        assertThat(ByteBuffer.wrap(r.value()).getLong()).isEqualTo(42);
        assertThat(new String(Encoder.json().encode(new Reading("s2", 7)), StandardCharsets.UTF_8))
                .isEqualTo("{\"sensor\":\"s2\",\"value\":7}");
    }

    @Test
    void shouldFailTheQueryNamingTheMissingTopic() {
        MemoryStream<String> input = new MemoryStream<>("in");
        StreamingQuery query = engine.readStream(input).writeStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("checkpointLocation", dir.toString()).trigger(Trigger.continuous(100)).start();
        input.addData("no topic");
        Await.until("the query fails", () -> query.exception().isPresent());
        assertThat(query.exception().get()).hasStackTraceContaining("The kafka sink has no topic for a row: set the sink's option 'topic'");
    }
}
