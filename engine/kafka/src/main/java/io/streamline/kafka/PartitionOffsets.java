package io.streamline.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark's JSON forms of Kafka partitions and offsets: {@code {"topicA":{"0":23,"1":-1}}} for offsets (-2 earliest,
 * -1 latest in options) and {@code {"topicA":[0,1]}} for {@code assign}. The source's offsets in the engine's commit
 * records use the offset form too, one object per source partition.
 */
final class PartitionOffsets {
    /** In {@code startingOffsets}/{@code endingOffsets} JSON: the partition's earliest offset. */
    static final long EARLIEST = -2;
    /** In {@code startingOffsets}/{@code endingOffsets} JSON: the partition's latest offset. */
    static final long LATEST = -1;

    static final Comparator<TopicPartition> ORDER = Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartitionOffsets() {
    }

    /**
     * Parses offsets JSON; fails naming {@code option} and the accepted form.
     *
     * @throws IllegalArgumentException if the text is not an object of topics to objects of partition numbers to
     *                                  whole numbers
     */
    static Map<TopicPartition, Long> parse(String option, String json) {
        Map<TopicPartition, Long> offsets = new TreeMap<>(ORDER);
        JsonNode root = read(option, json, "{\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}");
        for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            if (!topic.getValue().isObject()) {
                throw malformed(option, json, "{\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields(); parts.hasNext(); ) {
                Map.Entry<String, JsonNode> part = parts.next();
                if (!part.getValue().isIntegralNumber()) {
                    throw malformed(option, json, "{\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}");
                }
                offsets.put(new TopicPartition(topic.getKey(), partitionNumber(option, json, part.getKey())), part.getValue().asLong());
            }
        }
        return offsets;
    }

    /** Parses {@code assign} JSON, e.g. {@code {"topicA":[0,1],"topicB":[2,4]}}. */
    static List<TopicPartition> parsePartitions(String option, String json) {
        List<TopicPartition> partitions = new ArrayList<>();
        JsonNode root = read(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
        for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            if (!topic.getValue().isArray()) {
                throw malformed(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
            }
            for (JsonNode p : topic.getValue()) {
                if (!p.isIntegralNumber() || p.asInt() < 0) {
                    throw malformed(option, json, "{\"topicA\":[0,1],\"topicB\":[2,4]}");
                }
                partitions.add(new TopicPartition(topic.getKey(), p.asInt()));
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Option '" + option + "' of the kafka source names no partition: " + json);
        }
        return partitions;
    }

    /** The offset JSON of {@code offsets}, topics and partitions in order. */
    static String format(Map<TopicPartition, Long> offsets) {
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).forEach(e ->
                byTopic.computeIfAbsent(e.getKey().topic(), t -> new LinkedHashMap<>())
                        .put(Integer.toString(e.getKey().partition()), e.getValue()));
        try {
            return JSON.writeValueAsString(byTopic);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String option, String json, String example) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw malformed(option, json, example);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(option, json, example);
        }
    }

    private static int partitionNumber(String option, String json, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option '" + option + "' of the kafka source names partition '" + text
                + "', which is not a partition number, in " + json);
    }

    private static IllegalArgumentException malformed(String option, String json, String example) {
        return new IllegalArgumentException("Option '" + option + "' of the kafka source is not valid JSON of the form "
                + example + ": " + json);
    }
}
