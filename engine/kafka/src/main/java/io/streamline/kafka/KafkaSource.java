package io.streamline.kafka;

import io.streamline.engine.config.Options;
import io.streamline.engine.connector.SourceProvider;
import io.streamline.engine.source.SourceContext;
import io.streamline.engine.source.SourceReader;
import io.streamline.engine.source.StreamSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spark's Kafka source ({@code format("kafka")}): rows of {@link KafkaRecord} with Spark's schema, their Kafka
 * timestamp as event time.
 *
 * <h2>Partitions and offsets</h2>
 * The source has {@code max(minPartitions, Kafka partitions at the first start)} source partitions, each read on its
 * own task. A Kafka partition belongs to the source partition whose committed offsets name it; a partition no commit
 * names (at the first start, or added to a topic later) to source partition
 * {@code (hash(topic) + partition) mod n}, so the partitions of one topic spread evenly. A source partition's offset
 * is Spark's JSON of its Kafka partitions' positions, kept in the engine's commit records (never only in Kafka: the
 * source commits nothing to Kafka's group offsets); a restart seeks every Kafka partition there. Partitions added to a
 * subscribed topic are found within a second and read from their earliest offset, as in Spark; with
 * {@code endingOffsets} the set of partitions is fixed when the query starts.
 *
 * <h2>Data loss</h2>
 * Records gone before they were read (retention, {@code deleteRecords}, a deleted topic) fail the query with a message
 * naming the partition and offsets, unless {@code failOnDataLoss=false}: then the source goes on from the earliest
 * offset still there and counts the lost records in its progress metric {@code lostRecords}.
 *
 * <h2>Lag</h2>
 * Its progress metrics also say how far it is behind the brokers, as Spark's Kafka source does
 * ({@code minOffsetsBehindLatest}, {@code maxOffsetsBehindLatest}, {@code avgOffsetsBehindLatest}), and per Kafka
 * partition ({@code offsetsBehindLatestByPartition}): see {@link ConsumerLag}.
 */
public final class KafkaSource implements StreamSource<KafkaRecord> {
    private static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaSourceOptions options;
    private final String name;
    private final Map<TopicPartition, Integer> claims = new ConcurrentHashMap<>();
    private final AtomicLong lostRecords = new AtomicLong();
    private final ConsumerLag lag = new ConsumerLag();
    private volatile boolean restarted;
    private int partitions = -1;

    KafkaSource(KafkaSourceOptions options) {
        this.options = options;
        this.name = Integer.toHexString(System.identityHashCode(this));
    }

    /** Builds the source from Spark's options, failing with a message that names a bad option. */
    public static KafkaSource fromOptions(Options options) {
        return new KafkaSource(KafkaSourceOptions.parse(options));
    }

    @Override
    public String format() {
        return "kafka";
    }

    @Override
    public String description() {
        return "KafkaSource[" + subscriptionText() + ", partitions=" + (partitions < 0 ? "?" : partitions) + "]";
    }

    private String subscriptionText() {
        KafkaSourceOptions.Subscription s = options.subscription();
        if (s instanceof KafkaSourceOptions.Topics t) {
            return "subscribe=" + String.join(",", t.topics());
        }
        if (s instanceof KafkaSourceOptions.TopicPattern p) {
            return "subscribePattern=" + p.pattern().pattern();
        }
        return "assign=" + ((KafkaSourceOptions.Assigned) s).partitions();
    }

    /**
     * Lists the subscription's Kafka partitions on the brokers (once, when the query starts) and checks
     * {@code startingOffsets} against them.
     *
     * @throws IllegalStateException naming the brokers when they cannot be reached within
     *                               {@code kafka.default.api.timeout.ms}
     */
    @Override
    public synchronized int partitions() {
        if (partitions < 0) {
            Set<TopicPartition> current = withConsumer(c -> listPartitions(c, options.subscription(), metadataTimeout()));
            checkStartingOffsets(current);
            partitions = Math.max(1, Math.max(options.minPartitions(), current.size()));
        }
        return partitions;
    }

    private void checkStartingOffsets(Set<TopicPartition> current) {
        Map<TopicPartition, Long> given = options.starting().offsets();
        if (given == null) {
            return;
        }
        Set<TopicPartition> missing = new TreeSet<>(PartitionOffsets.ORDER);
        missing.addAll(current);
        missing.removeAll(given.keySet());
        Set<TopicPartition> extra = new TreeSet<>(PartitionOffsets.ORDER);
        extra.addAll(given.keySet());
        extra.removeAll(current);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("Option 'startingOffsets' of the kafka source must give an offset for every"
                    + " partition the source reads (-2 for earliest, -1 for latest)"
                    + (missing.isEmpty() ? "" : "; missing: " + missing) + (extra.isEmpty() ? "" : "; not read by the source: " + extra)
                    + "; the source reads " + current);
        }
    }

    @Override
    public SourceReader<KafkaRecord> openPartition(int partition, String startOffset) {
        Map<TopicPartition, Long> committed = startOffset == null ? Map.of() : PartitionOffsets.parse("offset", startOffset);
        if (startOffset != null) {
            restarted = true;
        }
        committed.keySet().forEach(tp -> claims.put(tp, partition));
        return new KafkaPartitionReader(this, partition, committed);
    }

    @Override
    public SourceReader<KafkaRecord> openPartition(int partition, String startOffset, SourceContext context) {
        return openPartition(partition, startOffset);
    }

    @Override
    public boolean supportsMicroBatch() {
        return true;
    }

    @Override
    public long maxRecordsPerTrigger() {
        return options.maxOffsetsPerTrigger();
    }

    /** {@code lostRecords} and the consumer lag ({@link ConsumerLag}). */
    @Override
    public Map<String, String> metrics() {
        Map<String, String> metrics = new LinkedHashMap<>(lag.metrics());
        metrics.put("lostRecords", Long.toString(lostRecords.get()));
        return metrics;
    }

    /** The source partition that reads {@code tp}: the one whose commit names it, else by hash. */
    int owner(TopicPartition tp) {
        Integer claimed = claims.get(tp);
        return claimed != null ? claimed : Math.floorMod(tp.topic().hashCode() + tp.partition(), partitions());
    }

    /**
     * Where source partition {@code slot} starts each Kafka partition it owns: at its committed offset; a partition no
     * commit names at {@code startingOffsets} on the query's first start, at its earliest offset on a restart (it is
     * new since).
     */
    Map<TopicPartition, Long> initialPositions(int slot, Map<TopicPartition, Long> committed) {
        return withConsumer(c -> {
            Map<TopicPartition, Long> positions = new HashMap<>(committed);
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : listPartitions(c, options.subscription(), metadataTimeout())) {
                if (!positions.containsKey(tp) && owner(tp) == slot) {
                    fresh.add(tp);
                }
            }
            if (fresh.isEmpty()) {
                return positions;
            }
            KafkaSourceOptions.OffsetSpec spec = restarted ? KafkaSourceOptions.OffsetSpec.EARLIEST : options.starting();
            Map<TopicPartition, Long> earliest = c.beginningOffsets(fresh, metadataTimeout());
            Map<TopicPartition, Long> latest = c.endOffsets(fresh, metadataTimeout());
            for (TopicPartition tp : fresh) {
                long given = spec.offsets() != null ? spec.offsets().getOrDefault(tp, PartitionOffsets.EARLIEST)
                        : spec == KafkaSourceOptions.OffsetSpec.EARLIEST ? PartitionOffsets.EARLIEST : PartitionOffsets.LATEST;
                positions.put(tp, given == PartitionOffsets.EARLIEST ? earliest.get(tp) : given == PartitionOffsets.LATEST ? latest.get(tp) : given);
            }
            return positions;
        });
    }

    /** The {@code endingOffsets} of {@code partitions}, resolved now, or {@code null} when the source has no end. */
    Map<TopicPartition, Long> endingPositions(Set<TopicPartition> partitions) {
        KafkaSourceOptions.OffsetSpec spec = options.ending();
        if (spec == null) {
            return null;
        }
        return withConsumer(c -> {
            Map<TopicPartition, Long> latest = c.endOffsets(partitions, metadataTimeout());
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long given = spec.offsets() == null ? PartitionOffsets.LATEST : spec.offsets().getOrDefault(tp, PartitionOffsets.LATEST);
                ends.put(tp, given == PartitionOffsets.LATEST ? latest.get(tp) : given);
            }
            return ends;
        });
    }

    /** The partitions of {@code subscription} on the brokers now. */
    static Set<TopicPartition> listPartitions(KafkaConsumer<?, ?> consumer, KafkaSourceOptions.Subscription subscription,
                                              Duration timeout) {
        Set<TopicPartition> found = new TreeSet<>(PartitionOffsets.ORDER);
        if (subscription instanceof KafkaSourceOptions.Assigned a) {
            found.addAll(a.partitions());
        } else {
            // listTopics asks the brokers every time; partitionsFor would answer from metadata cached for minutes
            consumer.listTopics(timeout).forEach((topic, infos) -> {
                if (subscription.matches(topic)) {
                    infos.forEach(i -> found.add(new TopicPartition(i.topic(), i.partition())));
                }
            });
        }
        return found;
    }

    private <R> R withConsumer(java.util.function.Function<KafkaConsumer<byte[], byte[]>, R> call) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(options.consumerProperties())) {
            return call.apply(c);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("The kafka source cannot reach the brokers at "
                    + options.consumerProperties().getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " (kafka.bootstrap.servers) within " + metadataTimeout().toMillis() + " ms (kafka.default.api.timeout.ms): "
                    + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new IllegalStateException("The kafka source cannot read the metadata of " + subscriptionText() + ": " + e.getMessage(), e);
        }
    }

    private Duration metadataTimeout() {
        String v = options.consumerProperties().getProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        return v == null ? DEFAULT_METADATA_TIMEOUT : Duration.ofMillis(Long.parseLong(v.trim()));
    }

    String name() {
        return name;
    }

    Properties consumerProperties() {
        return options.consumerProperties();
    }

    KafkaSourceOptions.Subscription discovery() {
        return options.subscription() instanceof KafkaSourceOptions.Assigned ? null : options.subscription();
    }

    boolean failOnDataLoss() {
        return options.failOnDataLoss();
    }

    boolean includeHeaders() {
        return options.includeHeaders();
    }

    long pollTimeoutMs() {
        return options.pollTimeoutMs();
    }

    ConsumerLag lag() {
        return lag;
    }

    void lost(long records) {
        lostRecords.addAndGet(records);
    }

    @Override
    public String toString() {
        return description();
    }

    /** Registers format {@code "kafka"} for {@code readStream().format(...)}. */
    public static final class Provider implements SourceProvider {
        @Override
        public String format() {
            return "kafka";
        }

        @Override
        public KafkaSource create(Options options) {
            return fromOptions(options);
        }
    }
}
