package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The watermark and source lag of a progress report, read from its JSON in Spark's shape
 * ({@code eventTime.watermark} as ISO-8601, a source's {@code metrics.maxOffsetsBehindLatest} as Spark's Kafka
 * source reports it): these fields come from other parts of the engine (event-time operators, the Kafka
 * source), so they are read by name and are simply absent from reports that do not have them.
 *
 * @param watermark       the watermark, if the report has one
 * @param watermarkLagSec how far it trails the report's {@code timestamp}, in seconds
 * @param sourceLag       records behind the latest offset, by source description, for the sources that say
 */
record ReportedLag(Optional<Instant> watermark, Optional<Double> watermarkLagSec, Map<String, Double> sourceLag) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        for (JsonNode source : report.path("sources")) {
            number(source.path("metrics").path("maxOffsetsBehindLatest"))
                    .ifPresent(behind -> sourceLag.put(source.path("description").asText(), behind));
        }
        return new ReportedLag(watermark, lag, Map.copyOf(sourceLag));
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
