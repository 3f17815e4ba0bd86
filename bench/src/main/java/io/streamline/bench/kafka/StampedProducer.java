package io.streamline.bench.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Sends records at a fixed rate, open loop: record {@code k} is due at {@code start + k / rate}, and its value's first
 * 8 bytes are that intended send time ({@link System#nanoTime()}), so a stall anywhere counts against every record it
 * delays (no coordinated omission). Its key is {@code k mod keys}, also in the value (bytes 8-11).
 */
final class StampedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final double nanosPerRecord;
    private final int keys;
    private final long start = System.nanoTime();
    private long sent;
    private long firstAfter = -1;
    private long nextStatus = start;

    StampedProducer(String bootstrap, String topic, long rate, int keys) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.nanosPerRecord = 1e9 / rate;
        this.keys = keys;
    }

    /** Sends every record due by {@code now}. */
    void sendDue(long now) {
        while (true) {
            long due = start + (long) (sent * nanosPerRecord);
            if (due > now) {
                return;
            }
            int key = (int) (sent % keys);
            byte[] value = value(due, key);
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, ("k" + key).getBytes(StandardCharsets.UTF_8), value));
            sent++;
        }
    }

    /** Whether a status line is due (once a second). */
    boolean statusDue(long now) {
        if (now < nextStatus) {
            return false;
        }
        nextStatus = now + TimeUnit.SECONDS.toNanos(1);
        return true;
    }

    /** Records whose intended send time is at or after {@code nanos}, sent so far. */
    long sentAfter(long nanos) {
        long firstIndex = (long) Math.ceil((nanos - start) / nanosPerRecord);
        return Math.max(0, sent - firstIndex);
    }

    /** A value: the intended send time, then the key's number. */
    static byte[] value(long stamp, int key) {
        return ByteBuffer.allocate(12).putLong(stamp).putInt(key).array();
    }

    /** The intended send time stamped in a value. */
    static long stampOf(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
