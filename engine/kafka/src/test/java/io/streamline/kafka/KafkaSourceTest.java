package io.streamline.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.engine.Await;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.progress.StreamingQueryProgress;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka source on a real broker: Spark's schema and options, offsets in the checkpoint, partitions, data loss. */
class KafkaSourceTest extends KafkaTestSupport {

    private static List<String> values(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    @SuppressWarnings("unchecked")
    private List<KafkaRecord> rows(String table) {
        return (List<KafkaRecord>) (List<?>) engine.table(table).rows();
    }

    private List<String> valuesOf(String table) {
        return rows(table).stream().map(KafkaRecord::valueString).toList();
    }

    private StreamingQuery toMemory(io.streamline.engine.DataStream<KafkaRecord> stream, String table, Trigger trigger) {
        return toMemory(stream, table, table, trigger);
    }

    private StreamingQuery toMemory(io.streamline.engine.DataStream<KafkaRecord> stream, String table, String checkpoint,
                                    Trigger trigger) {
        return stream.writeStream().format("memory").queryName(table)
                .option("checkpointLocation", dir.resolve(checkpoint).toString()).trigger(trigger).start();
    }

    @Test
    void shouldGiveRowsSparksSchemaWithHeadersAndTheKafkaTimestamp() throws Exception {
        String topic = topic("schema");
        kafka.createTopic(topic, 2);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 1, 1_700_000_000_123L,
                    "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8),
                    List.of(new RecordHeader("h1", "x".getBytes(StandardCharsets.UTF_8)), new RecordHeader("h2", null)));
            producer.send(r).get();
        }
        StreamingQuery query = toMemory(engine.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", topic)
                .option("startingOffsets", "earliest").option("includeHeaders", true).<KafkaRecord>load().withWatermark("1 second"),
                "schema", Trigger.availableNow());
        assertThat(query.awaitTermination(60_000)).isTrue();

        assertThat(rows("schema")).hasSize(1);
        KafkaRecord row = rows("schema").get(0);
        assertThat(row.keyString()).isEqualTo("k");
        assertThat(row.valueString()).isEqualTo("v");
        assertThat(row.topic()).isEqualTo(topic);
        assertThat(row.partition()).isEqualTo(1);
        assertThat(row.offset()).isZero();
        assertThat(row.timestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(row.timestampType()).isZero(); // CreateTime
        assertThat(row.headers()).extracting(KafkaHeader::key).containsExactly("h1", "h2");
        assertThat(row.headers().get(0).valueString()).isEqualTo("x");
        assertThat(row.headers().get(1).value()).isNull();
        // The Kafka timestamp is the record's event time: the progress report's eventTime shows it.
        assertThat(query.recentProgress()).anySatisfy(p -> assertThat(p.eventTime()).containsEntry("max", "2023-11-14T22:13:20.123Z"));
    }

    @Test
    void shouldReadEveryPartitionOfATopicInParallelInContinuousMode() throws Exception {
        String topic = topic("parallel");
        kafka.createTopic(topic, 4);
        for (int p = 0; p < 4; p++) {
            kafka.produce(topic, p, values("p" + p + "-", 0, 50));
        }
        StreamingQuery query = toMemory(engine.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", topic)
                .option("startingOffsets", "earliest").load(), "parallel", Trigger.continuous(100));

        Await.until("200 records read", () -> engine.table("parallel").rows().size() >= 200);
        assertThat(valuesOf("parallel")).hasSize(200).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 4).boxed().flatMap(p -> values("p" + p + "-", 0, 50).stream()).toList());
        // One source partition, and so one task, per Kafka partition.
        assertThat(query.explainString()).contains("kafka/0", "kafka/1", "kafka/2", "kafka/3").doesNotContain("kafka/4");
    }

    @Test
    void shouldResumeFromTheOffsetsInTheCheckpoint() throws Exception {
        String topic = topic("resume");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, values("a", 0, 10));
        kafka.produce(topic, 1, values("b", 0, 5));
        StreamingQuery first = toMemory(source(topic).option("startingOffsets", "earliest").load(), "resume", Trigger.availableNow());
        assertThat(first.awaitTermination(60_000)).isTrue();
        assertThat(valuesOf("resume")).hasSize(15);

        kafka.produce(topic, 0, values("a", 10, 13));
        kafka.produce(topic, 1, values("b", 5, 7));
        // startingOffsets only applies to a new query: the restart continues where the commit left off.
        StreamingQuery second = toMemory(source(topic).option("startingOffsets", "earliest").load(), "resumed", "resume",
                Trigger.availableNow());
        assertThat(second.awaitTermination(60_000)).isTrue();
        assertThat(valuesOf("resumed")).containsExactlyInAnyOrder("a10", "a11", "a12", "b5", "b6");
        assertThat(second.lastProgress().sources().get(0).endOffset().replace("\\", "")).contains("\"0\":13", "\"1\":7");
    }

    private io.streamline.engine.DataStreamReader source(String topic) {
        return engine.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", topic);
    }

    @Test
    void shouldLimitBatchesToMaxOffsetsPerTrigger() throws Exception {
        String topic = topic("limit");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, values("x", 0, 10));
        StreamingQuery query = toMemory(source(topic).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 4).load(),
                "limit", Trigger.availableNow());
        assertThat(query.awaitTermination(60_000)).isTrue();
        assertThat(valuesOf("limit")).containsExactlyElementsOf(values("x", 0, 10));
        assertThat(query.recentProgress()).extracting(StreamingQueryProgress::numInputRows).containsExactly(4L, 4L, 2L);
    }

    @Test
    void shouldStartAtTheGivenOffsetsAndStopAtTheEndingOnes() throws Exception {
        String topic = topic("range");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, values("a", 0, 10));
        kafka.produce(topic, 1, values("b", 0, 10));
        String starting = "{\"" + topic + "\":{\"0\":3,\"1\":-2}}";
        String ending = "{\"" + topic + "\":{\"0\":5,\"1\":-1}}";
        StreamingQuery query = toMemory(source(topic).option("startingOffsets", starting).option("endingOffsets", ending).load(),
                "range", Trigger.availableNow());
        assertThat(query.awaitTermination(60_000)).isTrue();
        assertThat(valuesOf("range")).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(values("a", 3, 5).stream(), values("b", 0, 10).stream()).toList());
    }

    @Test
    void shouldStartAtTheLatestOffsetByDefault() throws Exception {
        String topic = topic("latest");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, values("old", 0, 5));
        StreamingQuery query = toMemory(source(topic).load(), "latest", Trigger.continuous(100));
        Await.until("the source has positioned", () -> query.lastProgress() != null);
        kafka.produce(topic, 0, values("new", 0, 3));
        Await.until("new records read", () -> engine.table("latest").rows().size() >= 3);
        assertThat(valuesOf("latest")).containsExactly("new0", "new1", "new2");
    }

    @Test
    void shouldReadTopicsMatchingAPatternAndAssignedPartitions() throws Exception {
        String a = topic("pattern-a");
        String b = topic("pattern-b");
        kafka.createTopic(a, 1);
        kafka.createTopic(b, 2);
        kafka.produce(a, 0, List.of("a0"));
        kafka.produce(b, 0, List.of("b0"));
        kafka.produce(b, 1, List.of("b1"));
        StreamingQuery byPattern = toMemory(engine.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribePattern", "pattern-[ab]-\\d+").option("startingOffsets", "earliest").load(), "pattern", Trigger.availableNow());
        StreamingQuery byAssign = toMemory(engine.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("assign", "{\"" + b + "\":[1]}").option("startingOffsets", "earliest").load(), "assign", Trigger.availableNow());
        assertThat(byPattern.awaitTermination(60_000)).isTrue();
        assertThat(byAssign.awaitTermination(60_000)).isTrue();
        assertThat(valuesOf("pattern")).contains("a0", "b0", "b1");
        assertThat(valuesOf("assign")).containsExactly("b1");
    }

    @Test
    void shouldPickUpAPartitionAddedWhileRunning() throws Exception {
        String topic = topic("grow");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, List.of("first"));
        StreamingQuery query = toMemory(source(topic).option("startingOffsets", "earliest").load(), "grow", Trigger.continuous(100));
        Await.until("the first record", () -> engine.table("grow").rows().size() == 1);
        kafka.addPartitions(topic, 2);
        kafka.produce(topic, 1, List.of("in-new-partition"));
        Await.until("the new partition's record", Duration60.LONG, () -> engine.table("grow").rows().size() == 2);
        assertThat(rows("grow").get(1).partition()).isEqualTo(1);
        Await.until("the new partition's offset committed", () -> query.lastProgress() != null
                && query.lastProgress().sources().get(0).endOffset().replace("\\", "").contains("\"1\":1"));
    }

    @Test
    void shouldFailOnRecordsLostToRetentionUnlessToldNotTo() throws Exception {
        String topic = topic("loss");
        kafka.createTopic(topic, 1);
        kafka.produce(topic, 0, values("r", 0, 10));
        kafka.admin().deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(6))).all().get(30, TimeUnit.SECONDS);
        String from0 = "{\"" + topic + "\":{\"0\":0}}";

        StreamingQuery failing = toMemory(source(topic).option("startingOffsets", from0).load(), "lossFails", Trigger.continuous(100));
        Await.until("the query fails", () -> failing.exception().isPresent());
        assertThat(failing.exception().get()).hasStackTraceContaining("offsets 0 to 5 of " + topic + "-0 are no longer in the log")
                .hasStackTraceContaining("failOnDataLoss=false");

        StreamingQuery going = toMemory(source(topic).option("startingOffsets", from0).option("failOnDataLoss", false).load(),
                "lossCounted", Trigger.continuous(100));
        Await.until("the records still there", () -> engine.table("lossCounted").rows().size() == 4);
        assertThat(valuesOf("lossCounted")).containsExactlyElementsOf(values("r", 6, 10));
        Await.until("the lost records counted", () -> query(going).contains("6"));
    }

    @Test
    void shouldReportTheRecordsNotYetReadAsLagPerPartitionInEveryBatch() throws Exception {
        String topic = topic("lag");
        kafka.createTopic(topic, 2);
        kafka.produce(topic, 0, values("a", 0, 60));
        kafka.produce(topic, 1, values("b", 0, 30));
        Map<TopicPartition, Long> produced = Map.of(new TopicPartition(topic, 0), 60L, new TopicPartition(topic, 1), 30L);
        StreamingQuery query = toMemory(source(topic).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 20).load(),
                "lag", Trigger.availableNow());
        assertThat(query.awaitTermination(60_000)).isTrue();

        List<StreamingQueryProgress> reports = query.recentProgress();
        assertThat(reports.size()).as("90 records, 20 a batch").isGreaterThanOrEqualTo(5);
        for (StreamingQueryProgress p : reports) {
            Map<TopicPartition, Long> read = readUpTo(p.sources().get(0).endOffset());
            Map<String, String> metrics = p.sources().get(0).metrics();
            Map<TopicPartition, Long> behind = PartitionOffsets.parse("lag", metrics.get("offsetsBehindLatestByPartition"));
            assertThat(behind).as("batch " + p.commitId() + ": each partition read so far has a lag").isNotEmpty();
            behind.forEach((tp, lag) -> assertThat(lag).as("batch " + p.commitId() + ", " + tp)
                    .isEqualTo(produced.get(tp) - read.get(tp)));
            LongSummaryStatistics stats = behind.values().stream().mapToLong(Long::longValue).summaryStatistics();
            assertThat(metrics).containsEntry("maxOffsetsBehindLatest", Long.toString(stats.getMax()))
                    .containsEntry("minOffsetsBehindLatest", Long.toString(stats.getMin()))
                    .containsEntry("avgOffsetsBehindLatest", Double.toString(stats.getAverage()));
        }
        // The first batch read at most 20 of the 90 records: what it left is behind.
        assertThat(Long.parseLong(reports.get(0).sources().get(0).metrics().get("maxOffsetsBehindLatest"))).isPositive();
        // Caught up: nothing behind in either partition.
        assertThat(query.lastProgress().sources().get(0).metrics())
                .containsEntry("offsetsBehindLatestByPartition", "{\"" + topic + "\":{\"0\":0,\"1\":0}}")
                .containsEntry("maxOffsetsBehindLatest", "0").containsEntry("avgOffsetsBehindLatest", "0.0");
    }

    @Test
    void shouldReportTheLagFallingToZeroInContinuousMode() throws Exception {
        String topic = topic("lag-continuous");
        kafka.createTopic(topic, 2);
        StreamingQuery query = toMemory(source(topic).option("startingOffsets", "earliest").load(), "lagContinuous",
                Trigger.continuous(100));
        kafka.produce(topic, 0, values("a", 0, 40));
        kafka.produce(topic, 1, values("b", 0, 20));
        String caughtUp = "{\"" + topic + "\":{\"0\":0,\"1\":0}}";
        Await.until("an epoch that read all 60 records and reports nothing behind", () -> {
            StreamingQueryProgress p = query.lastProgress();
            return p != null && caughtUp.equals(p.sources().get(0).metrics().get("offsetsBehindLatestByPartition"))
                    && readUpTo(p.sources().get(0).endOffset()).equals(Map.of(new TopicPartition(topic, 0), 40L,
                    new TopicPartition(topic, 1), 20L));
        });
        assertThat(engine.table("lagContinuous").rows()).hasSize(60);
    }

    /** Where a report's end offset (source partition to its offset JSON) has each Kafka partition read up to. */
    private static Map<TopicPartition, Long> readUpTo(String endOffset) {
        Map<TopicPartition, Long> read = new HashMap<>();
        try {
            new ObjectMapper().readTree(endOffset).elements()
                    .forEachRemaining(slot -> read.putAll(PartitionOffsets.parse("endOffset", slot.asText())));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + endOffset, e);
        }
        return read;
    }

    private static String query(StreamingQuery q) {
        StreamingQueryProgress p = q.lastProgress();
        return p == null ? "" : p.sources().get(0).metrics().getOrDefault("lostRecords", "");
    }
}
