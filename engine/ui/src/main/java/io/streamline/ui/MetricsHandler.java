package io.streamline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code /metrics}: the engine's queries ({@link QueryMetrics}) and the JVM's own metrics (memory, GC, threads,
 * which explain latency spikes), in the text format the scraper's {@code Accept} header asks for (Prometheus
 * text by default, OpenMetrics on request).
 */
final class MetricsHandler implements HttpHandler {
    /**
     * The JVM's metrics are the process's, whichever engine serves them, and the client library keeps every
     * registry it registered them with for good: one registry for the process.
     */
    private static final PrometheusRegistry JVM = jvmRegistry();

    private final PrometheusRegistry queries = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsHandler(QueryRegistry registry) {
        queries.register(new QueryMetrics(registry));
    }

    private static PrometheusRegistry jvmRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Responses.readOnly(exchange)) {
            return;
        }
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (MetricSnapshot snapshot : queries.scrape()) {
            all.metricSnapshot(snapshot);
        }
        for (MetricSnapshot snapshot : JVM.scrape()) {
            all.metricSnapshot(snapshot);
        }
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, all.build());
        Responses.send(exchange, 200, writer.getContentType(), body.toByteArray());
    }
}
