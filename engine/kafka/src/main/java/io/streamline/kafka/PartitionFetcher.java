package io.streamline.kafka;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The thread that reads one source partition's Kafka partitions with a consumer of its own and hands what each poll
 * returns to the {@link KafkaPartitionReader} through a bounded single-producer single-consumer queue.
 *
 * <p>Why a thread and not {@code poll(Duration.ZERO)} inline in the task: a Kafka poll is a syscall-heavy call
 * (it sends fetch requests, reads the socket, decompresses and deserialises) whose cost lands on the record path
 * of the task, and with nothing buffered it returns nothing until the next fetch response arrives, so the task
 * would have to call it again and again, each time paying the consumer's bookkeeping. Here the fetcher blocks in
 * the consumer's own poll (which wakes when the fetch response arrives) and the task takes finished batches with
 * one queue read; the measured comparison is in {@code bench/README.md} (Kafka source: fetch thread or inline
 * poll).
 *
 * <p>The fetcher also finds partitions added to subscribed topics (every {@value #DISCOVERY_INTERVAL_MS} ms) and
 * takes those this source partition owns, from their earliest offset (as Spark does), and reports records lost to
 * retention or a deleted topic: a failure with {@code failOnDataLoss=true}, a counted skip otherwise. After each poll
 * it tells the source's {@link ConsumerLag} each partition's latest offset, from what the fetch responses said.
 */
final class PartitionFetcher implements Runnable {
    /** How often the fetcher lists the subscription's partitions. */
    static final long DISCOVERY_INTERVAL_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionFetcher.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Properties properties;
    private final Map<TopicPartition, Long> positions;
    private final Map<TopicPartition, Long> ending;
    private final KafkaSourceOptions.Subscription discovery;
    private final Predicate<TopicPartition> owned;
    private final boolean failOnDataLoss;
    private final OneToOneConcurrentArrayQueue<FetchedChunk> queue;
    private final ConsumerLag lag;
    /** Set by {@link #stop()}: the reader is closing. */
    private volatile boolean stopped;
    /** Set by the fetcher itself after handing over a failure. */
    private boolean failed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param positions the position of each Kafka partition to read
     * @param ending    where each partition ends ({@code endingOffsets}), or {@code null} for no end
     * @param discovery the subscription to watch for new partitions, or {@code null} for a fixed set
     * @param owned     whether a newly found partition belongs to this source partition
     * @param lag       where the latest offsets go, for the source's lag metrics
     */
    PartitionFetcher(String name, Properties properties, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ending,
                     KafkaSourceOptions.Subscription discovery, Predicate<TopicPartition> owned, boolean failOnDataLoss,
                     OneToOneConcurrentArrayQueue<FetchedChunk> queue, ConsumerLag lag) {
        this.name = name;
        this.properties = properties;
        this.positions = new HashMap<>(positions);
        this.ending = ending;
        this.discovery = discovery;
        this.owned = owned;
        this.failOnDataLoss = failOnDataLoss;
        this.queue = queue;
        this.lag = lag;
    }

    void start() {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for its consumer to close. */
    void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties)) {
            consumer = c;
            c.assign(positions.keySet());
            positions.forEach(c::seek);
            long nextDiscovery = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISCOVERY_INTERVAL_MS);
            while (!stopped && !failed) {
                if (discovery != null && System.nanoTime() >= nextDiscovery) {
                    discover(c);
                    nextDiscovery = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISCOVERY_INTERVAL_MS);
                }
                pauseEnded(c);
                if (positions.isEmpty()) { // owns no Kafka partition (yet): a consumer cannot poll without one
                    LockSupport.parkNanos(POLL.toNanos());
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(POLL);
                } catch (OffsetOutOfRangeException e) {
                    handleLoss(c, e.offsetOutOfRangePartitions());
                    continue;
                }
                hand(c, records, System.nanoTime());
            }
        } catch (WakeupException e) {
            if (!stopped) {
                offer(FetchedChunk.failed(new IllegalStateException("The kafka source's consumer was woken unexpectedly", e)));
            }
        } catch (RuntimeException e) {
            if (!stopped) {
                LOG.error("Kafka fetcher {} failed", name, e);
                offer(FetchedChunk.failed(e instanceof KafkaException ? new IllegalStateException("The kafka source failed reading "
                        + positions.keySet() + ": " + e.getMessage(), e) : e));
            }
        }
    }

    /**
     * One chunk per partition whose position moved: records, or only markers/compacted offsets skipped. Each
     * partition's latest offset is published first, so the reader never reads past the latest offset the lag knows.
     */
    private void hand(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, long receivedNanos) {
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            TopicPartition tp = e.getKey();
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            long next = c.position(tp);
            // from the last fetch response's high watermark (last stable offset under read_committed); empty until the
            // partition had one, and then the consumer asks the brokers for its end offset by itself
            OptionalLong behind = c.currentLag(tp);
            if (behind.isPresent()) {
                lag.track(tp).latest(next + behind.getAsLong());
            }
            if (!list.isEmpty() || next != e.getValue()) {
                if (!offer(FetchedChunk.records(tp, list, e.getValue(), next, receivedNanos))) {
                    return;
                }
                e.setValue(next);
            }
        }
    }

    private void pauseEnded(KafkaConsumer<byte[], byte[]> c) {
        if (ending == null) {
            return;
        }
        Set<TopicPartition> done = new HashSet<>();
        positions.forEach((tp, p) -> {
            Long end = ending.get(tp);
            if (end != null && p >= end) {
                done.add(tp);
            }
        });
        if (!done.isEmpty()) {
            c.pause(done);
        }
    }

    private void handleLoss(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> outOfRange) {
        Map<TopicPartition, Long> beginning = c.beginningOffsets(outOfRange.keySet());
        Map<TopicPartition, Long> end = c.endOffsets(outOfRange.keySet());
        for (Map.Entry<TopicPartition, Long> e : outOfRange.entrySet()) {
            TopicPartition tp = e.getKey();
            long requested = e.getValue();
            long first = beginning.get(tp);
            boolean pastEnd = requested > end.get(tp);
            String what = pastEnd
                    ? "offset " + requested + " of " + tp + " is past the partition's end " + end.get(tp)
                    + " (was the topic deleted and created again?); reading it from its earliest offset " + first
                    : "offsets " + requested + " to " + (first - 1) + " of " + tp + " are no longer in the log (removed by"
                    + " retention or deleteRecords): " + (first - requested) + " records lost";
            if (failOnDataLoss) {
                offer(FetchedChunk.failed(new IllegalStateException("Kafka source: " + what + ". Some data may have been lost;"
                        + " set the option failOnDataLoss=false to continue from the earliest available offset instead"
                        + " of failing (the lost records are counted in the progress metrics)")));
                failed = true;
                return;
            }
            LOG.warn("Kafka source: {}; failOnDataLoss=false, continuing", what);
            c.seek(tp, first);
            positions.put(tp, first);
            offer(FetchedChunk.reset(tp, requested, first, pastEnd ? 0 : first - requested));
        }
    }

    /** Takes partitions added to the subscription; reports partitions that are gone. */
    private void discover(KafkaConsumer<byte[], byte[]> c) {
        Set<TopicPartition> current;
        try {
            current = KafkaSource.listPartitions(c, discovery, Duration.ofSeconds(5));
        } catch (WakeupException e) {
            throw e; // the reader is closing
        } catch (KafkaException e) {
            LOG.warn("Kafka source: cannot list the partitions of {} ({}); trying again in {} ms", discovery, e.toString(),
                    DISCOVERY_INTERVAL_MS);
            return;
        }
        Set<TopicPartition> added = new HashSet<>();
        for (TopicPartition tp : current) {
            if (!positions.containsKey(tp) && owned.test(tp)) {
                added.add(tp);
            }
        }
        Set<TopicPartition> gone = new HashSet<>(positions.keySet());
        gone.removeAll(current);
        if (added.isEmpty() && gone.isEmpty()) {
            return;
        }
        for (TopicPartition tp : gone) {
            if (failOnDataLoss) {
                offer(FetchedChunk.failed(new IllegalStateException("Kafka source: partition " + tp + " no longer exists"
                        + " (was its topic deleted?); records of it not yet read may have been lost. Set the option"
                        + " failOnDataLoss=false to go on without it")));
                failed = true;
                return;
            }
            LOG.warn("Kafka source: partition {} no longer exists; failOnDataLoss=false, going on without it", tp);
            positions.remove(tp);
            offer(FetchedChunk.removed(tp));
        }
        Map<TopicPartition, Long> first = added.isEmpty() ? Map.of() : c.beginningOffsets(added);
        positions.putAll(first);
        c.assign(positions.keySet());
        first.forEach(c::seek);
        first.forEach((tp, offset) -> {
            LOG.info("Kafka source: reading the new partition {} from its earliest offset {}", tp, offset);
            offer(FetchedChunk.records(tp, List.of(), offset, offset, System.nanoTime()));
        });
    }

    /** Hands a chunk over, waiting while the reader's queue is full; false if the fetcher stopped meanwhile. */
    private boolean offer(FetchedChunk chunk) {
        while (!queue.offer(chunk)) {
            if (stopped) {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }
}
