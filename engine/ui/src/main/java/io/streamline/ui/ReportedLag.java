package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The watermark and source lag of a progress report, read from its JSON in Spark's shape
 * ({@code eventTime.watermark} as ISO-8601, a source's {@code metrics.maxOffsetsBehindLatest} as Spark's Kafka
 * source reports it) and a source's lag per partition ({@code metrics.offsetsBehindLatestByPartition}, offset JSON
 * such as {@code {"topic":{"0":12,"1":0}}}, as the Kafka source reports it): these fields come from other parts of the
 * engine (event-time operators, the Kafka source), so they are read by name and are simply absent from reports
 * that do not have them.
 *
 * @param watermark       the watermark, if the report has one
 * @param watermarkLagSec how far it trails the report's {@code timestamp}, in seconds
 * @param sourceLag       records behind the latest offset, by source description, for the sources that say
 * @param partitionLag    records behind the latest offset per partition, for the sources that say, in report order
 */
record ReportedLag(Optional<Instant> watermark, Optional<Double> watermarkLagSec, Map<String, Double> sourceLag,
                   List<PartitionLag> partitionLag) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One partition's lag.
     *
     * @param source    the source's description
     * @param topic     the partition's topic
     * @param partition its number
     * @param behind    records behind the latest offset
     */
    record PartitionLag(String source, String topic, String partition, long behind) {
    }

    /** What {@code reportJson} says. */
    static ReportedLag of(String reportJson) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a progress report that is not JSON", e);
        }
        Optional<Instant> watermark = instant(report.path("eventTime").path("watermark"));
        Optional<Instant> at = instant(report.path("timestamp"));
        Optional<Double> lag = watermark.flatMap(w -> at.map(t -> (t.toEpochMilli() - w.toEpochMilli()) / 1000.0));
        Map<String, Double> sourceLag = new LinkedHashMap<>();
        List<PartitionLag> partitionLag = new ArrayList<>();
        for (JsonNode source : report.path("sources")) {
            String description = source.path("description").asText();
            number(source.path("metrics").path("maxOffsetsBehindLatest")).ifPresent(behind -> sourceLag.put(description, behind));
            byPartition(source.path("metrics").path("offsetsBehindLatestByPartition")).forEach((topic, partitions) ->
                    partitions.forEach((partition, behind) -> partitionLag.add(new PartitionLag(description, topic, partition, behind))));
        }
        return new ReportedLag(watermark, lag, Map.copyOf(sourceLag), List.copyOf(partitionLag));
    }

    /** Offset JSON in a string, topic to partition to a whole number; empty if the metric is absent or not that. */
    private static Map<String, Map<String, Long>> byPartition(JsonNode metric) {
        Map<String, Map<String, Long>> lags = new LinkedHashMap<>();
        if (!metric.isTextual()) {
            return lags;
        }
        JsonNode topics;
        try {
            topics = JSON.readTree(metric.asText());
        } catch (IOException notJson) {
            return lags;
        }
        if (topics == null || !topics.isObject()) {
            return lags;
        }
        for (Map.Entry<String, JsonNode> topic : topics.properties()) {
            for (Map.Entry<String, JsonNode> partition : topic.getValue().properties()) {
                if (partition.getValue().isIntegralNumber()) {
                    lags.computeIfAbsent(topic.getKey(), t -> new LinkedHashMap<>()).put(partition.getKey(), partition.getValue().asLong());
                }
            }
        }
        return lags;
    }

    private static Optional<Instant> instant(JsonNode text) {
        try {
            return text.isTextual() ? Optional.of(Instant.parse(text.asText())) : Optional.empty();
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }

    /** Source metrics are strings in the report ({@code Map<String, String>}); Spark's are numbers. */
    private static Optional<Double> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        try {
            return value.isTextual() ? Optional.of(Double.parseDouble(value.asText())) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
