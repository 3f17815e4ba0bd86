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
 * <h2>Delivery</h2>
 * <ul>
 *   <li>Continuous mode: at-least-once. Records are sent as they come; at each epoch marker the sink hands the epoch
 *       over, and the engine's committer flushes the producer (every record acknowledged by the brokers) before the
 *       epoch's commit record. After a crash the epochs after the last commit are replayed, so records of those epochs
 *       may appear twice; none is lost.</li>
 *   <li>Micro-batch mode: exactly-once for {@code read_committed} consumers. Each sink partition writes through a
 *       transactional producer whose {@code transactional.id} is {@code streamline-<queryId>-<partition>}, stable
 *       across restarts of the query; a batch's records are one transaction, committed by the committer thread
 *       before the batch's commit record, together with the batch id as the offset of the consumer group named
 *       like the transactional id. On restart, {@code initTransactions()} fences the producer of the earlier run and
 *       aborts its open transaction, and a re-run batch whose transaction had committed (the group's offset says so)
 *       is not written again.</li>
 * </ul>
 * Kafka's two-phase commit (KIP-939) would let continuous mode be exactly-once too, but kafka-clients 4.4.0 does not
 * expose it: see {@code README.md}.
 *
 * @param <T> the row type
 */
public final class KafkaSink<T> implements StreamSink<T> {
    /** Options of {@code format("kafka")} besides {@code kafka.*}. */
    public static final Set<String> OPTIONS = Set.of("topic");
    /** Producer properties the sink sets itself. */
    static final Set<String> RESERVED = Set.of("key.serializer", "value.serializer", "transactional.id");

    private final Properties producer;
    private final String topic;
    private final RecordEncoder<? super T> encoder;

    KafkaSink(Properties producer, String topic, RecordEncoder<? super T> encoder) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = encoder;
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
        return b.encoder(RecordEncoder.rows()).build();
    }

    @Override
    public String format() {
        return "kafka";
    }

    @Override
    public String description() {
        return "KafkaSink[" + (topic == null ? "topic per record" : "topic=" + topic) + ", "
                + producer.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + "]";
    }

    /** Every task writes through its own producer: no fan-in, no ring. */
    @Override
    public boolean supportsPartitions() {
        return true;
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        if (setup.exactlyOnce()) {
            String id = "streamline-" + queryId(setup.checkpointLocation()) + "-" + setup.partitionId();
            return new TransactionalWriter<>(producer, id, topic, encoder, setup.firstEpoch());
        }
        return new AtLeastOnceWriter<>(producer, topic, encoder);
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

        /** A {@code kafka.}-prefixed producer property, e.g. {@code kafka.linger.ms}. */
        public Builder<T> option(String key, String value) {
            if (!key.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                throw new IllegalArgumentException("Producer properties of the kafka sink are given as kafka.<property>, got '"
                        + key + "'");
            }
            String property = key.substring("kafka.".length());
            if (RESERVED.contains(property)) {
                throw new IllegalArgumentException("Kafka option '" + key + "' is not supported: the kafka sink sets " + property
                        + " itself (it writes bytes its encoder made; in micro-batch mode it derives the transactional id"
                        + " from the query)");
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
            return new KafkaSink<>(p, topic, encoder);
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
