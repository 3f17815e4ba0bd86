package io.streamline.ui;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.streamline.engine.QueryStatus;
import io.streamline.engine.progress.StreamingQueryProgress;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON documents of the API (see {@code engine/ui/README.md}). Progress reports are written as the engine
 * renders them ({@link StreamingQueryProgress#json()}), untouched, so every field a report carries reaches the
 * page and scripts, including ones added after this module was written.
 */
final class ApiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ApiJson() {
    }

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** The text {@code body} writes. */
    static String render(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@code [summary, ...]} of every run. */
    static String queries(List<QueryRun> runs) {
        return render(json -> {
            json.writeStartArray();
            for (QueryRun run : runs) {
                summary(json, run, true);
            }
            json.writeEndArray();
        });
    }

    /** A run's summary and its physical plan. */
    static String query(QueryRun run) {
        return render(json -> {
            json.writeStartObject();
            summaryFields(json, run, true);
            json.writeStringField("plan", run.plan().orElse(null));
            json.writeEndObject();
        });
    }

    /** {@code [progress, ...]}: the reports after {@code since}, oldest first. */
    static String progress(List<StreamingQueryProgress> reports) {
        return render(json -> progressArray(json, reports));
    }

    /** The last epoch's latency distribution. */
    static String latency(EpochLatency.Distribution distribution) {
        return render(json -> distribution(json, distribution));
    }

    /**
     * One push to a query page: the run's summary (without its last report), the reports after the previous push,
     * and the latency distribution if it belongs to a newer epoch than the one the page has.
     */
    static String update(QueryRun run, List<StreamingQueryProgress> reports, EpochLatency.Distribution distribution) {
        return render(json -> {
            json.writeStartObject();
            json.writeFieldName("query");
            summary(json, run, false);
            json.writeFieldName("progress");
            progressArray(json, reports);
            if (distribution != null) {
                json.writeFieldName("latency");
                distribution(json, distribution);
            }
            json.writeEndObject();
        });
    }

    private static void summary(JsonGenerator json, QueryRun run, boolean withLastProgress) throws IOException {
        json.writeStartObject();
        summaryFields(json, run, withLastProgress);
        json.writeEndObject();
    }

    private static void summaryFields(JsonGenerator json, QueryRun run, boolean withLastProgress) throws IOException {
        json.writeStringField("id", run.id().toString());
        json.writeStringField("runId", run.runId().toString());
        json.writeStringField("name", run.name());
        json.writeBooleanField("active", run.active());
        QueryStatus status = run.status();
        json.writeObjectFieldStart("status");
        json.writeStringField("message", status.message());
        json.writeBooleanField("isDataAvailable", status.isDataAvailable());
        json.writeBooleanField("isTriggerActive", status.isTriggerActive());
        json.writeEndObject();
        json.writeStringField("trigger", run.trigger().orElse(null));
        json.writeStringField("startedAt", run.startedAt().toString());
        json.writeStringField("terminatedAt", run.terminatedAt().map(Object::toString).orElse(null));
        json.writeStringField("exception", run.exception().orElse(null));
        if (withLastProgress) {
            StreamingQueryProgress last = run.history().last();
            json.writeFieldName("lastProgress");
            if (last == null) {
                json.writeNull();
            } else {
                json.writeRawValue(last.json());
            }
        }
    }

    private static void progressArray(JsonGenerator json, List<StreamingQueryProgress> reports) throws IOException {
        json.writeStartArray();
        for (StreamingQueryProgress report : reports) {
            json.writeRawValue(report.json());
        }
        json.writeEndArray();
    }

    private static void distribution(JsonGenerator json, EpochLatency.Distribution distribution) throws IOException {
        json.writeStartObject();
        json.writeNumberField("commitId", distribution.commitId());
        json.writeNumberField("count", distribution.count());
        json.writeArrayFieldStart("percentiles");
        for (double[] step : distribution.percentiles()) {
            json.writeArray(step, 0, step.length);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
