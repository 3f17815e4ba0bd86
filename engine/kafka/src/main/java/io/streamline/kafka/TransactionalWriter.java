package io.streamline.kafka;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A sink partition in micro-batch mode: each batch's records in one Kafka transaction of a producer whose
 * {@code transactional.id} stays the same across restarts of the query.
 *
 * <p>The transaction commits on the engine's committer thread in {@link EpochOutput#persist()}, before the batch's
 * commit record, and carries the batch id with it: as the committed offset ({@code batch + 1}) of a consumer group
 * named like the transactional id, written by {@code sendOffsetsToTransaction}, which Kafka commits atomically with
 * the records. A crash between the Kafka commit and the commit record makes the engine re-run the batch with the
 * same records; the writer reads the group's offset when it opens and drops the records of every batch up to it, so
 * they are not written twice. A crash before the Kafka commit leaves an open transaction, which
 * {@code initTransactions()} of the next run aborts (fencing the dead producer), so a {@code read_committed} reader
 * never sees it.
 */
final class TransactionalWriter<T> implements SinkWriter<T> {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String transactionalId;
    private final String topic;
    private final RecordEncoder<? super T> encoder;
    private final SendErrors errors = new SendErrors();
    private final long committedInKafka;
    private long batch;
    private boolean inTransaction;
    private String markerTopic;

    TransactionalWriter(Properties properties, String transactionalId, String topic, RecordEncoder<? super T> encoder,
                        long firstBatch) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        this.producer = new KafkaProducer<>(p);
        this.transactionalId = transactionalId;
        this.topic = topic;
        this.encoder = encoder;
        this.batch = firstBatch;
        producer.initTransactions(); // fences the producer of an earlier run and aborts its open transaction
        this.committedInKafka = lastCommittedBatch(properties, transactionalId);
    }

    /** The last batch whose transaction committed, from the offsets of the group named like the transactional id. */
    private static long lastCommittedBatch(Properties properties, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", properties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            return offsets.values().stream().filter(o -> o != null).mapToLong(o -> o.offset() - 1).max().orElse(-1);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The kafka sink cannot read which batches " + group + " committed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the committed batches of " + group, e);
        }
    }

    @Override
    public void write(T value, RecordMeta meta) {
        if (batch <= committedInKafka) {
            return; // a re-run batch whose transaction committed before the crash
        }
        errors.check();
        ProducerRecord<byte[], byte[]> record = encoder.encode(value, topic);
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            markerTopic = record.topic();
        }
        producer.send(record, errors);
    }

    @Override
    public EpochOutput prepare(long epoch) {
        batch = epoch + 1;
        if (!inTransaction) {
            return EpochOutput.DONE;
        }
        inTransaction = false;
        TopicPartition marker = new TopicPartition(markerTopic, 0);
        return new EpochOutput() {
            @Override
            public String persist() {
                producer.sendOffsetsToTransaction(Map.of(marker, new OffsetAndMetadata(epoch + 1, "streamline batch " + epoch)),
                        new ConsumerGroupMetadata(transactionalId));
                producer.commitTransaction();
                errors.check();
                return "{\"transactionalId\":\"" + transactionalId + "\",\"batch\":" + epoch + "}";
            }
        };
    }

    @Override
    public void close(Throwable error) {
        producer.close(error == null ? Duration.ofSeconds(30) : Duration.ZERO);
    }
}
