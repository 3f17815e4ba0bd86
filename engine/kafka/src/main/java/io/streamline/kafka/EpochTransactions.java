package io.streamline.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sink partition's transactions in Kafka, one per epoch (or batch): the producer, the epoch id each transaction
 * carries, and reading that id back after a crash. The id is committed with the transaction's records as the offset
 * ({@code epoch + 1}) of a consumer group named like the transactional id ({@code sendOffsetsToTransaction}, which
 * Kafka commits atomically with the records), so the group's offset says which epoch's transaction committed last:
 * the ones up to it are in the topic, and a replay of them must not be written again. The group has no members; only
 * its committed offsets are used.
 */
final class EpochTransactions {
    private EpochTransactions() {
    }

    /**
     * A transactional producer of {@code transactionalId}, initialized: {@code initTransactions()} fences the producer
     * of an earlier run with the same id and aborts the transaction it left open, so a {@code read_committed} reader
     * never sees it.
     */
    static KafkaProducer<byte[], byte[]> openFencing(Properties properties, String transactionalId) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        return producer;
    }

    /**
     * Commits {@code producer}'s open transaction together with the marker of {@code epoch}, on any partition of a
     * topic the transaction wrote to ({@code markerTopic}, partition 0: a group offset need not belong to a partition
     * it read).
     */
    static void commit(KafkaProducer<byte[], byte[]> producer, String group, String markerTopic, long epoch) {
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition(markerTopic, 0),
                new OffsetAndMetadata(epoch + 1, "streamline epoch " + epoch)), new ConsumerGroupMetadata(group));
        producer.commitTransaction();
    }

    /**
     * The last epoch whose transaction committed, over the groups of {@code groups}, -1 if none did. Waits for
     * offsets that a transaction still holds pending ({@code requireStable}); call it after {@code initTransactions()},
     * which aborts the open transaction of a crashed producer.
     */
    static long lastCommitted(Properties producer, Collection<String> groups) {
        Properties p = new Properties(); // the producer's connection and security settings, nothing producer-only
        producer.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key.toString())) {
                p.put(key, value);
            }
        });
        long last = -1;
        try (Admin admin = Admin.create(p)) {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                        new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
                last = Math.max(last, offsets.values().stream().filter(Objects::nonNull).mapToLong(o -> o.offset() - 1).max().orElse(-1));
            }
            return last;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The kafka sink cannot read which epochs " + groups + " committed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the committed epochs of " + groups, e);
        }
    }
}
