package io.streamline.kafka;

import io.streamline.engine.config.Options;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Kafka source's options, checked when the query starts, with Spark's names and defaults: one of
 * {@code subscribe}, {@code subscribePattern} or {@code assign}; {@code startingOffsets} ({@code latest} by
 * default), {@code endingOffsets}, {@code maxOffsetsPerTrigger}, {@code failOnDataLoss} ({@code true}),
 * {@code minPartitions}, {@code groupIdPrefix}, {@code includeHeaders} ({@code false}),
 * {@code kafkaConsumer.pollTimeoutMs}; every {@code kafka.}-prefixed option is a consumer property without the
 * prefix, except those the source must set itself.
 */
record KafkaSourceOptions(Subscription subscription, OffsetSpec starting, OffsetSpec ending, long maxOffsetsPerTrigger,
                          boolean failOnDataLoss, int minPartitions, boolean includeHeaders, long pollTimeoutMs,
                          Properties consumerProperties) {

    /** Options the source accepts besides {@code kafka.*}. */
    static final Set<String> OPTIONS = Set.of("subscribe", "subscribePattern", "assign", "startingOffsets", "endingOffsets",
            "maxOffsetsPerTrigger", "failOnDataLoss", "minPartitions", "groupIdPrefix", "includeHeaders",
            "kafkaConsumer.pollTimeoutMs");
    /** Consumer properties the source sets itself; as in Spark, giving them is an error. */
    static final Set<String> RESERVED = Set.of("auto.offset.reset", "key.deserializer", "value.deserializer",
            "enable.auto.commit", "interceptor.classes");

    /** Which partitions the source reads. */
    sealed interface Subscription permits Topics, TopicPattern, Assigned {
        /** Whether partitions of {@code topic} belong to the subscription (for discovery). */
        boolean matches(String topic);
    }

    /** {@code subscribe}: every partition of these topics, those added later too. */
    record Topics(List<String> topics) implements Subscription {
        @Override
        public boolean matches(String topic) {
            return topics.contains(topic);
        }
    }

    /** {@code subscribePattern}: every partition of every topic whose whole name matches. */
    record TopicPattern(Pattern pattern) implements Subscription {
        @Override
        public boolean matches(String topic) {
            return pattern.matcher(topic).matches();
        }
    }

    /** {@code assign}: exactly these partitions. */
    record Assigned(List<TopicPartition> partitions) implements Subscription {
        @Override
        public boolean matches(String topic) {
            return partitions.stream().anyMatch(tp -> tp.topic().equals(topic));
        }
    }

    /** {@code earliest}, {@code latest} or offsets per partition (-2 earliest, -1 latest). */
    record OffsetSpec(String keyword, Map<TopicPartition, Long> offsets) {
        static final OffsetSpec EARLIEST = new OffsetSpec("earliest", null);
        static final OffsetSpec LATEST = new OffsetSpec("latest", null);
    }

    static KafkaSourceOptions parse(Options options) {
        Set<String> accepted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        accepted.addAll(OPTIONS);
        Properties consumer = new Properties();
        for (Map.Entry<String, String> e : options.asMap().entrySet()) {
            String key = e.getKey();
            if (key.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                String property = key.substring("kafka.".length());
                if (RESERVED.contains(property)) {
                    throw new IllegalArgumentException("Kafka option '" + key + "' is not supported: the kafka source sets "
                            + property + " itself (it reads bytes, keeps its offsets in the query's checkpoint and starts"
                            + " where startingOffsets says)");
                }
                consumer.setProperty(property, e.getValue());
            } else if (!accepted.contains(key)) {
                throw new IllegalArgumentException("Unknown option '" + key + "' for source 'kafka'; accepted options: "
                        + String.join(", ", new TreeSet<>(OPTIONS)) + ", and kafka.<consumer property>");
            }
        }
        if (consumer.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
            throw new IllegalArgumentException("Option 'kafka.bootstrap.servers' is required for source 'kafka'"
                    + " (host:port of one or more brokers, comma separated)");
        }
        Subscription subscription = subscription(options);
        OffsetSpec starting = offsetSpec(options, "startingOffsets", OffsetSpec.LATEST, true);
        OffsetSpec ending = offsetSpec(options, "endingOffsets", null, false);
        if (ending != null && ending.offsets() != null && ending.offsets().containsValue(PartitionOffsets.EARLIEST)) {
            throw new IllegalArgumentException("Option 'endingOffsets' of the kafka source cannot use -2 (earliest): " + options.string("endingOffsets", ""));
        }
        String prefix = options.string("groupIdPrefix", "streamline-kafka-source");
        consumer.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-" + UUID.randomUUID());
        consumer.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"); // a position that is gone is data loss, not a reset
        return new KafkaSourceOptions(subscription, starting, ending,
                options.positiveLong("maxOffsetsPerTrigger", Long.MAX_VALUE),
                options.bool("failOnDataLoss", true),
                (int) Math.min(Integer.MAX_VALUE, options.positiveLong("minPartitions", 1)),
                options.bool("includeHeaders", false),
                options.positiveLong("kafkaConsumer.pollTimeoutMs", 120_000),
                consumer);
    }

    private static Subscription subscription(Options options) {
        List<String> given = Arrays.asList(options.string("subscribe", null), options.string("subscribePattern", null),
                options.string("assign", null));
        long count = given.stream().filter(v -> v != null).count();
        if (count != 1) {
            throw new IllegalArgumentException("The kafka source needs exactly one of the options 'subscribe' (topics,"
                    + " comma separated), 'subscribePattern' (a Java regex of topic names) or 'assign' (JSON such as"
                    + " {\"topicA\":[0,1]}); " + (count == 0 ? "none was given" : "got " + count));
        }
        if (given.get(0) != null) {
            List<String> topics = Arrays.stream(given.get(0).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("Option 'subscribe' of the kafka source names no topic: '" + given.get(0) + "'");
            }
            return new Topics(topics);
        }
        if (given.get(1) != null) {
            try {
                return new TopicPattern(Pattern.compile(given.get(1).trim()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Option 'subscribePattern' of the kafka source is not a valid Java regex: "
                        + e.getMessage());
            }
        }
        return new Assigned(PartitionOffsets.parsePartitions("assign", given.get(2)));
    }

    private static OffsetSpec offsetSpec(Options options, String option, OffsetSpec fallback, boolean earliestAllowed) {
        String v = options.string(option, null);
        if (v == null) {
            return fallback;
        }
        String t = v.trim();
        if (t.equalsIgnoreCase("latest")) {
            return OffsetSpec.LATEST;
        }
        if (earliestAllowed && t.equalsIgnoreCase("earliest")) {
            return OffsetSpec.EARLIEST;
        }
        if (!t.startsWith("{")) {
            throw new IllegalArgumentException("Option '" + option + "' of the kafka source must be "
                    + (earliestAllowed ? "'earliest', " : "") + "'latest' or JSON such as {\"topicA\":{\"0\":23,\"1\":-1}}, got '" + v + "'");
        }
        Map<TopicPartition, Long> offsets = PartitionOffsets.parse(option, t);
        offsets.forEach((tp, o) -> {
            if (o < PartitionOffsets.EARLIEST) {
                throw new IllegalArgumentException("Option '" + option + "' of the kafka source gives offset " + o + " for " + tp
                        + "; offsets are >= 0, or -2 for earliest, -1 for latest");
            }
        });
        return new OffsetSpec(null, offsets);
    }
}
