package io.streamline.bench.kafka;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;

/** The partitions of a topic the bench has just created, once the broker's metadata shows them. */
final class TopicPartitions {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicPartitions() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer}, from the beginning. Right after the topic's creation
     * the consumer's metadata may not list it yet ({@code partitionsFor} answers an empty list): a consumer assigned
     * nothing then fails its first poll, so this asks again until the partitions are there.
     */
    static void assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, TIMEOUT);
            if (!found.isEmpty()) {
                List<TopicPartition> partitions = found.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions " + TIMEOUT.toSeconds()
                        + " s after it was created");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the partitions of " + topic, e);
            }
        }
    }
}
