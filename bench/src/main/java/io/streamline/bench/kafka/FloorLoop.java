package io.streamline.bench.kafka;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Properties;

/**
 * The floor: a bare consumer-to-producer Java loop. {@link #inline} polls with {@code Duration.ZERO} and sends on
 * one spinning thread; {@link #handoff} polls (blocking) on a fetch thread and hands each poll's records through a
 * single-producer single-consumer queue to a spinning sender thread, the design of the engine's Kafka source.
 */
final class FloorLoop implements Pipeline {
    private final Thread[] threads;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    private FloorLoop(Thread... threads) {
        this.threads = threads;
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((thread, e) -> failure = new IllegalStateException(thread.getName() + " failed: " + e, e));
        }
    }

    static FloorLoop inline(String bootstrap, String in, String out) {
        FloorLoop[] self = new FloorLoop[1];
        Thread t = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, in); KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                while (!self[0].stopped) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ZERO)) {
                        producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    }
                }
            }
        }, "floor-inline");
        self[0] = new FloorLoop(t);
        t.start();
        return self[0];
    }

    static FloorLoop handoff(String bootstrap, String in, String out) {
        OneToOneConcurrentArrayQueue<ConsumerRecords<byte[], byte[]>> queue = new OneToOneConcurrentArrayQueue<>(256);
        FloorLoop[] self = new FloorLoop[1];
        Thread fetch = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, in)) {
                while (!self[0].stopped) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    while (!records.isEmpty() && !queue.offer(records) && !self[0].stopped) {
                        Thread.onSpinWait();
                    }
                }
            }
        }, "floor-fetch");
        Thread send = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                while (!self[0].stopped) {
                    ConsumerRecords<byte[], byte[]> records = queue.poll();
                    if (records == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    }
                }
            }
        }, "floor-send");
        self[0] = new FloorLoop(fetch, send);
        fetch.start();
        send.start();
        return self[0];
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        TopicPartitions.assignAll(consumer, topic);
        return consumer;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    @Override
    public void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join();
        }
    }
}
