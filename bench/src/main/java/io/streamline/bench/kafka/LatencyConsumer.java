package io.streamline.bench.kafka;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the output topic on a thread of its own and records, for every record stamped at or after the start of
 * measurement, the time from its intended send to its receipt here.
 */
final class LatencyConsumer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final AtomicLong recorded = new AtomicLong();
    private final Thread thread;
    private volatile long from = Long.MAX_VALUE;
    private volatile boolean stopped;
    private long lastRateNanos = System.nanoTime();
    private long lastRateCount;
    private Histogram interval;

    LatencyConsumer(String bootstrap, String topic, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "latency-consumer");
        thread.start();
    }

    private void run() {
        while (!stopped) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long stamp = StampedProducer.stampOf(r.value());
                if (stamp >= from) {
                    recorder.recordValue(Math.max(0, System.nanoTime() - stamp));
                    recorded.incrementAndGet();
                }
            }
        }
        consumer.close();
    }

    /** Records the latency of records intended to be sent at or after {@code nanos}. */
    void startRecordingFrom(long nanos) {
        from = nanos;
    }

    long recorded() {
        return recorded.get();
    }

    /** Records received per second since the last call. */
    synchronized double ratePerSecond() {
        long now = System.nanoTime();
        long count = recorded.get();
        double rate = (count - lastRateCount) * 1e9 / Math.max(1, now - lastRateNanos);
        lastRateNanos = now;
        lastRateCount = count;
        return rate;
    }

    /** The p99 (µs) of what was recorded since the last call. */
    synchronized double intervalP99Us() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1000.0;
    }

    /** Everything recorded. */
    synchronized Histogram histogram() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
