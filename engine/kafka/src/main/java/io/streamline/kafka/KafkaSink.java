package io.streamline.kafka;

import io.streamline.engine.config.Options;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;
import io.streamline.journal.QueryMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spark's Kafka sink ({@code format("kafka")}, or {@link #builder()} for an encoder of your own): each task that
 * feeds it writes through a producer of its own (a sink partition).
 *
 * <h2>Delivery: exactly once for {@code read_committed} consumers, in both modes</h2>
 * Each sink partition writes through transactional producers whose {@code transactional.id}s derive from
 * {@code streamline-<queryId>-<partition>}, stable across restarts of the query. Each epoch's (or batch's) records
 * are one transaction, committed by the engine's committer thread before the epoch's commit record, together with the
 * epoch id as the offset of a consumer group named like the transactional id. On restart, {@code initTransactions()}
 * fences the producers of the earlier run and aborts the transactions they left open, and the records of a replayed
 * epoch whose transaction had committed (the group's offset says so) are not written again.
 * <ul>
 *   <li>Continuous mode: records are sent as they come, so a {@code read_uncommitted} reader sees them at once (and,
 *       after a crash, also the aborted ones); a {@code read_committed} reader sees an epoch's records when it
 *       commits, so about one epoch interval later. Epochs alternate between two producers ({@code -c0},
 *       {@code -c1}) so that the next epoch's transaction begins while the last one commits (see the package's
 *       {@code ContinuousTransactionalWriter}).</li>
 *   <li>Micro-batch mode: one producer ({@code transactional.id} {@code streamline-<queryId>-<partition>}); a batch's
 *       transaction commits before the next batch runs.</li>
 * </ul>
 * The brokers must allow transactions (a single-node broker needs {@code transaction.state.log.replication.factor=1}
 * and {@code transaction.state.log.min.isr=1}). Option {@code deliveryGuarantee=at-least-once} writes without
 * transactions instead: the producer is flushed before each commit record, and a replayed epoch is written again.
 *
 * @param <T> the row type
 */
public final class KafkaSink<T> implements StreamSink<T> {
    /** Options of {@code format("kafka")} besides {@code kafka.*}. */
    public static final Set<String> OPTIONS = Set.of("topic", "deliveryGuarantee");
    /** Producer properties the sink sets itself. */
    static final Set<String> RESERVED = Set.of("key.serializer", "value.serializer", "transactional.id");

    private final Properties producer;
    private final String topic;
    private final RecordEncoder<? super T> encoder;
    private final DeliveryGuarantee guarantee;

    KafkaSink(Properties producer, String topic, RecordEncoder<? super T> encoder, DeliveryGuarantee guarantee) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = encoder;
        this.guarantee = guarantee;
    }

    /** What a {@code read_committed} consumer of the sink's topic sees of a replayed epoch. */
    public enum DeliveryGuarantee {
        /** Transactions: once (the default). */
        EXACTLY_ONCE("exactly-once"),
        /** No transactions, records visible as they are acknowledged: a replayed epoch's records may appear twice. */
        AT_LEAST_ONCE("at-least-once");

        private final String option;

        DeliveryGuarantee(String option) {
            this.option = option;
        }

        /** The value of option {@code deliveryGuarantee}. */
        public String option() {
            return option;
        }

        /** The guarantee option {@code deliveryGuarantee} names; fails naming the accepted values. */
        public static DeliveryGuarantee fromOption(String value) {
            for (DeliveryGuarantee g : values()) {
                if (g.option.equalsIgnoreCase(value.trim())) {
                    return g;
                }
            }
            throw new IllegalArgumentException("Option 'deliveryGuarantee' of sink 'kafka' is '" + value
                    + "'; accepted: exactly-once (the default), at-least-once");
        }
    }

    /** A sink of your own rows: topic, key and value by an encoder. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The sink of {@code format("kafka")} with Spark's options, rows encoded by {@link RecordEncoder#rows()}. */
    public static <T> KafkaSink<T> fromOptions(Options options) {
        Builder<T> b = new Builder<>();
        Set<String> accepted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        accepted.addAll(OPTIONS);
        for (Map.Entry<String, String> e : options.asMap().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                b.option(e.getKey(), e.getValue());
            } else if (!accepted.contains(e.getKey())) {
                throw new IllegalArgumentException("Unknown option '" + e.getKey() + "' for sink 'kafka'; accepted options: "
                        + String.join(", ", new TreeSet<>(OPTIONS)) + ", and kafka.<producer property>");
            }
        }
        b.topic(options.string("topic", null));
        String guarantee = options.string("deliveryGuarantee", null);
        if (guarantee != null) {
            b.deliveryGuarantee(DeliveryGuarantee.fromOption(guarantee));
        }
        return b.encoder(RecordEncoder.rows()).build();
    }

    @Override
    public String format() {
        return "kafka";
    }

    @Override
    public String description() {
        return "KafkaSink[" + (topic == null ? "topic per record" : "topic=" + topic) + ", "
                + producer.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + ", " + guarantee.option() + "]";
    }

    /** Every task writes through its own producer: no fan-in, no ring. */
    @Override
    public boolean supportsPartitions() {
        return true;
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        if (guarantee == DeliveryGuarantee.AT_LEAST_ONCE) {
            return new AtLeastOnceWriter<>(producer, topic, encoder);
        }
        String id = "streamline-" + queryId(setup.checkpointLocation()) + "-" + setup.partitionId();
        if (setup.exactlyOnce()) {
            return new TransactionalWriter<>(producer, id, topic, encoder, setup.firstEpoch());
        }
        return new ContinuousTransactionalWriter<>(producer, id, topic, encoder, setup.firstEpoch());
    }

    /**
     * The query's id from its checkpoint's metadata: the same across restarts, different for another query. A sink
     * opened on a location without metadata (driven through the SPI directly, not by a query) takes a name-based
     * UUID of the location's path, stable for that location too.
     */
    static String queryId(Path checkpointLocation) {
        Path file = checkpointLocation.resolve(QueryMetadata.FILE_NAME);
        if (!Files.exists(file)) {
            return java.util.UUID.nameUUIDFromBytes(checkpointLocation.toAbsolutePath().normalize().toString()
                    .getBytes(StandardCharsets.UTF_8)).toString();
        }
        Properties metadata = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            metadata.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("The kafka sink cannot read the query's id from " + file, e);
        }
        String id = metadata.getProperty("queryId");
        if (id == null) {
            throw new IllegalStateException("The checkpoint metadata " + file + " has no queryId");
        }
        return id;
    }

    @Override
    public String toString() {
        return description();
    }

    /** Builds a {@link KafkaSink}. */
    public static final class Builder<T> {
        private final Map<String, String> producer = new HashMap<>();
        private String topic;
        private RecordEncoder<? super T> encoder;
        private DeliveryGuarantee guarantee = DeliveryGuarantee.EXACTLY_ONCE;

        private Builder() {
        }

        /** {@code kafka.bootstrap.servers}: host:port of one or more brokers. */
        public Builder<T> bootstrapServers(String servers) {
            return option("kafka.bootstrap.servers", servers);
        }

        /** The topic of every record ({@code null}: the encoder's or the row's). */
        public Builder<T> topic(String topic) {
            this.topic = topic == null || topic.isBlank() ? null : topic.trim();
            return this;
        }

        /** How rows become records. */
        public Builder<T> encoder(RecordEncoder<? super T> encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Option {@code deliveryGuarantee}: exactly once through transactions (the default), or at least once without. */
        public Builder<T> deliveryGuarantee(DeliveryGuarantee guarantee) {
            this.guarantee = java.util.Objects.requireNonNull(guarantee, "guarantee");
            return this;
        }

        /** A {@code kafka.}-prefixed producer property, e.g. {@code kafka.linger.ms}. */
        public Builder<T> option(String key, String value) {
            if (!key.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                throw new IllegalArgumentException("Producer properties of the kafka sink are given as kafka.<property>, got '"
                        + key + "'");
            }
            String property = key.substring("kafka.".length());
            if (RESERVED.contains(property)) {
                throw new IllegalArgumentException("Kafka option '" + key + "' is not supported: the kafka sink sets " + property
                        + " itself (it writes bytes its encoder made; it derives the transactional ids from the query)");
            }
            producer.put(property, value);
            return this;
        }

        /** The sink; fails naming a missing or bad setting. */
        public KafkaSink<T> build() {
            String servers = producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
            if (servers == null || servers.isBlank()) {
                throw new IllegalArgumentException("Option 'kafka.bootstrap.servers' is required for sink 'kafka'"
                        + " (host:port of one or more brokers, comma separated)");
            }
            if (encoder == null) {
                throw new IllegalArgumentException("The kafka sink needs an encoder (RecordEncoder.of(...) or RecordEncoder.rows())");
            }
            Properties p = new Properties();
            p.putAll(producer);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
            return new KafkaSink<>(p, topic, encoder, guarantee);
        }
    }

    /** Registers format {@code "kafka"} for {@code writeStream().format(...)}. */
    public static final class Provider implements SinkProvider {
        @Override
        public String format() {
            return "kafka";
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            return fromOptions(options);
        }
    }
}
