package io.streamline.bench.peers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamline.bench.plot.PercentilePlot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the combined report: the figures read from its JSON result (the engine's runner and the peer
 * runners write the same fields) and the percentile distribution from the {@code .hgrm} file it names.
 *
 * @param label        engine and configuration, as the table shows it
 * @param load1        the host's 1-minute load average just before the run
 * @param rate         offered records per second
 * @param achievedRate records delivered per second of the measured window
 * @param records      records delivered in the window
 * @param p50Us        latency percentiles in µs ...
 * @param p99Us        ...
 * @param p9999Us      ...
 * @param maxUs        ... and the maximum
 * @param json         the result file read
 * @param hgrm         its percentile distribution file
 * @param distribution the steps of that distribution, values in µs (plotted, not repeated in the combined JSON); empty
 *                     for a run that delivered nothing
 */
public record RunSummary(String label, double load1, long rate, double achievedRate, long records, double p50Us,
                         double p99Us, double p9999Us, double maxUs, String json, String hgrm,
                         @JsonIgnore List<PercentilePlot.Point> distribution) {

    /**
     * Whether the run delivered no record in its measured window (a peer that never got going, a broker that refused
     * it): it has no latency, and the tables say so instead of showing its zero percentiles as the fastest.
     */
    @JsonIgnore
    public boolean deliveredNothing() {
        return records == 0;
    }

    /** The runs of {@code runs} that delivered records, in order. */
    public static List<RunSummary> delivered(List<RunSummary> runs) {
        return runs.stream().filter(run -> !run.deliveredNothing()).toList();
    }

    /**
     * Reads {@code json} (one result object) and the {@code .hgrm} file beside it that it names (an empty
     * histogram's file, without distribution lines, when the run delivered nothing).
     *
     * @param label the row's label, or empty for the result's own {@code engine, config} (peer results name
     *              their engine version and configuration; the engine runner's results do not)
     */
    public static RunSummary read(String label, double load1, Path json) throws IOException {
        JsonNode result = ResultFiles.JSON.readTree(json.toFile());
        Path hgrm = json.resolveSibling(text(result, json, "hgrmFile"));
        long records = number(result, json, "records").longValue();
        return new RunSummary(label.isEmpty() ? text(result, json, "engine") + ", " + text(result, json, "config") : label,
                load1, number(result, json, "rate").longValue(),
                number(result, json, "achievedRate").doubleValue(), records,
                number(result, json, "p50Us").doubleValue(), number(result, json, "p99Us").doubleValue(),
                number(result, json, "p9999Us").doubleValue(), number(result, json, "maxUs").doubleValue(),
                json.toString(), hgrm.toString(), records == 0 ? List.of() : HgrmFile.read(hgrm));
    }

    private static Number number(JsonNode result, Path json, String field) throws IOException {
        JsonNode value = result.get(field);
        if (value == null || !value.isNumber()) {
            throw new IOException(json + ": no number '" + field + "'");
        }
        return value.numberValue();
    }

    private static String text(JsonNode result, Path json, String field) throws IOException {
        JsonNode value = result.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(json + ": no text '" + field + "'");
        }
        return value.textValue();
    }
}
