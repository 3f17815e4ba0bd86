package io.streamline.bench.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Sends records at a fixed rate, open loop ({@link Schedule}): record {@code k}'s value's first 8 bytes are its
 * intended send time ({@link System#nanoTime()}), so a stall anywhere counts against every record it delays (no
 * coordinated omission). Its key is {@code "k" + (k mod keys)}, the key's number also in the value (bytes 8-11); the
 * default partitioner puts every key's records into one partition, in order. Before the schedule starts,
 * {@link #probe()} sends records keyed {@value #PROBE}, which no workload counts, to see when the pipeline delivers.
 */
final class StampedProducer implements AutoCloseable {
    /** The key of the records that show a pipeline is delivering. */
    static final String PROBE = "probe";
    private static final byte[] PROBE_KEY = PROBE.getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final byte[][] keys;
    private Schedule schedule;
    private long sent;
    private long nextStatus;

    StampedProducer(String bootstrap, String topic, int keys) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.keys = new byte[keys][];
        Arrays.setAll(this.keys, k -> ("k" + k).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code key} is a probe's. */
    static boolean isProbe(byte[] key) {
        return Arrays.equals(key, PROBE_KEY);
    }

    /** Sends one probe record, stamped now. */
    void probe() {
        producer.send(new ProducerRecord<>(topic, PROBE_KEY, value(System.nanoTime(), -1)));
    }

    /** Starts the schedule at {@code rate} records per second from now. */
    Schedule start(long rate) {
        schedule = Schedule.startingNow(rate);
        nextStatus = schedule.startNanos();
        return schedule;
    }

    /** Sends every record due by {@code now}. */
    void sendDue(long now) {
        while (true) {
            long due = schedule.due(sent);
            if (due > now) {
                return;
            }
            int key = (int) (sent % keys.length);
            producer.send(new ProducerRecord<>(topic, keys[key], value(due, key)));
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
        return Math.max(0, sent - schedule.firstDueAt(nanos));
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
