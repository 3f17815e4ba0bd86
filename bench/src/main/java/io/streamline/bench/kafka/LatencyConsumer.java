package io.streamline.bench.kafka;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Reads the output topic on a thread of its own and records, for every input record due at or after the start of
 * measurement that an output record shows ({@link OutputRecords}), the time from its intended send to the receipt of
 * that output record here. It reads {@code read_committed} whatever the pipeline: a transactional pipeline's output
 * counts when its transaction commits, and a topic written without transactions is read as {@code read_uncommitted}
 * reads it (its last stable offset is its high watermark). Output keyed {@link StampedProducer#PROBE} is not measured;
 * it tells that the pipeline delivers.
 */
final class LatencyConsumer implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final AtomicLong recorded = new AtomicLong();
    private final Thread thread;
    private volatile long from = Long.MAX_VALUE;
    private final OutputRecords output;
    private final LongConsumer measure = this::measure;
    private volatile boolean stopped;
    private volatile boolean delivering;
    private volatile RuntimeException failure;
    private long receivedAt;
    private long lastRateNanos = System.nanoTime();
    private long lastRateCount;
    private Histogram interval;

    LatencyConsumer(String bootstrap, String topic, OutputRecords output) {
        this.output = output;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        consumer = new KafkaConsumer<>(p);
        TopicPartitions.assignAll(consumer, topic);
        thread = new Thread(this::run, "latency-consumer");
        thread.start();
    }

    private void run() {
        try {
            read();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void read() {
        while (!stopped) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (!delivering) {
                    delivering = true;
                }
                if (!StampedProducer.isProbe(r.key())) {
                    receivedAt = System.nanoTime();
                    output.forEachShown(r.key(), r.value(), measure);
                }
            }
        }
    }

    private void measure(long intended) {
        if (intended >= from) {
            recorder.recordValue(Math.max(0, receivedAt - intended));
            recorded.incrementAndGet();
        }
    }

    /** Throws what stopped the reading thread, if anything did (output it cannot read). */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("reading the output topic failed: " + failure.getMessage(), failure);
        }
    }

    /** Whether any record, a probe's or the workload's, has arrived on the output topic. */
    boolean delivering() {
        return delivering;
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
