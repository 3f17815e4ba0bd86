package io.streamline.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the Kafka source is behind the brokers, per Kafka partition, reported in its progress metrics as Spark's
 * Kafka source reports them: {@code minOffsetsBehindLatest}, {@code maxOffsetsBehindLatest},
 * {@code avgOffsetsBehindLatest} over the partitions, and (beyond Spark) {@code offsetsBehindLatestByPartition},
 * each partition's lag in Spark's offset JSON ({@code {"topic":{"0":12,"1":0}}}).
 *
 * <p>A partition's lag is its latest offset (the log end offset, or the last stable offset under
 * {@code read_committed}) minus the position the engine has read it up to, so records the fetcher has taken but the
 * engine not yet emitted count as behind, as in Spark, where the lag is measured from the batch's end offsets. The
 * two numbers come from different threads, neither on the record path: the latest offset from the fetcher after each
 * poll ({@code consumer.currentLag}, from the fetch responses, no request of its own), the position from the reader
 * whenever the engine asks for its offset (at every epoch marker and batch end). A partition is reported once both
 * are known.
 */
final class ConsumerLag {
    /** Spark's metric names. */
    static final String MIN = "minOffsetsBehindLatest";
    static final String MAX = "maxOffsetsBehindLatest";
    static final String AVG = "avgOffsetsBehindLatest";
    /** Each partition's lag, as offset JSON. */
    static final String BY_PARTITION = "offsetsBehindLatestByPartition";

    private static final long UNKNOWN = -1;

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    /** One Kafka partition's two ends, each written by one thread and read by the committer. */
    static final class Partition {
        private volatile long read = UNKNOWN;
        private volatile long latest = UNKNOWN;

        /** The engine has read the partition up to (not including) {@code offset}. */
        void read(long offset) {
            read = offset;
        }

        /** The brokers' latest offset of the partition, as the fetcher's last poll learnt it. */
        void latest(long offset) {
            latest = offset;
        }
    }

    /** The lag of {@code tp}, tracked from now on. */
    Partition track(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, p -> new Partition());
    }

    /** Stops reporting {@code tp} (it is gone). */
    void forget(TopicPartition tp) {
        partitions.remove(tp);
    }

    /** Spark's three metrics and the lag per partition; empty while no partition has both ends known. */
    Map<String, String> metrics() {
        Map<TopicPartition, Long> behind = new HashMap<>();
        partitions.forEach((tp, p) -> {
            long read = p.read;
            long latest = p.latest;
            if (read != UNKNOWN && latest != UNKNOWN) {
                // the two ends are read at different moments: a position just past a latest offset read earlier is 0 behind
                behind.put(tp, Math.max(0, latest - read));
            }
        });
        if (behind.isEmpty()) {
            return Map.of();
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (long b : behind.values()) {
            min = Math.min(min, b);
            max = Math.max(max, b);
            sum += b;
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put(AVG, Double.toString((double) sum / behind.size()));
        metrics.put(MAX, Long.toString(max));
        metrics.put(MIN, Long.toString(min));
        metrics.put(BY_PARTITION, PartitionOffsets.format(behind));
        return metrics;
    }
}
