package io.streamline.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Follows every partition of a topic from its beginning with one consumer, collecting what {@link #refresh()} reads. */
final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    TopicTail(EmbeddedKafka kafka, String topic, boolean readCommitted) {
        consumer = kafka.consumer(readCommitted);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived since the last call (waiting up to 50 ms) and returns everything read so far. */
    List<ConsumerRecord<byte[], byte[]>> refresh() {
        consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
