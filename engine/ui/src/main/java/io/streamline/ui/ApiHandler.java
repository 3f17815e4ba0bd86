package io.streamline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON API under {@code /api/} (documented in {@code engine/ui/README.md}):
 * <ul>
 *   <li>{@code /api/queries}: every run, active and recently terminated, with its last progress report</li>
 *   <li>{@code /api/queries/{id}}: one run (by query id: its latest run; or by run id) with its physical plan</li>
 *   <li>{@code /api/queries/{id}/progress?since=N}: its kept progress reports after epoch or batch N</li>
 *   <li>{@code /api/queries/{id}/latency}: its last epoch's latency distribution by percentile</li>
 *   <li>{@code /api/queries/{id}/events?since=N} and {@code /api/events}: the same, pushed as Server-Sent Events</li>
 * </ul>
 */
final class ApiHandler implements HttpHandler {
    private static final String QUERIES = "/api/queries";

    private final QueryRegistry registry;
    private final LiveStream live;

    ApiHandler(QueryRegistry registry, LiveStream live) {
        this.registry = registry;
        this.live = live;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Responses.readOnly(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(QUERIES) || path.equals(QUERIES + "/")) {
            Responses.json(exchange, ApiJson.queries(registry.runs()));
        } else if (path.equals("/api/events")) {
            live.serve(exchange, () -> ApiJson.queries(registry.runs()));
        } else if (path.startsWith(QUERIES + "/")) {
            query(exchange, path.substring(QUERIES.length() + 1).split("/", -1));
        } else {
            Responses.error(exchange, 404, "no API at " + path + "; try " + QUERIES);
        }
    }

    private void query(HttpExchange exchange, String[] parts) throws IOException {
        String id = parts[0];
        Optional<QueryRun> found = registry.find(id);
        if (found.isEmpty()) {
            Responses.error(exchange, 404, "no query with id or run id '" + id + "'; " + QUERIES + " lists them");
            return;
        }
        QueryRun run = found.get();
        String resource = parts.length == 1 ? "" : String.join("/", Arrays.copyOfRange(parts, 1, parts.length));
        switch (resource) {
            case "" -> Responses.json(exchange, ApiJson.query(run));
            case "progress" -> {
                Long since = since(exchange);
                if (since != null) {
                    Responses.json(exchange, ApiJson.progress(run.history().since(since)));
                }
            }
            case "latency" -> Responses.json(exchange, ApiJson.latency(run.epochLatency().latest()));
            case "events" -> {
                Long since = since(exchange);
                if (since != null) {
                    live.serve(exchange, new QueryUpdates(run, since));
                }
            }
            default -> Responses.error(exchange, 404, "no resource '" + resource + "' of a query; accepted: "
                    + QUERIES + "/{id} and its progress, latency, events");
        }
    }

    /** The {@code since} parameter (default -1: every kept report), or {@code null} after answering 400. */
    private static Long since(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return -1L;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("since=")) {
                String value = URLDecoder.decode(pair.substring("since=".length()), StandardCharsets.UTF_8);
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    Responses.error(exchange, 400, "since must be an epoch or batch id (a whole number; -1 for all), got '"
                            + value + "'");
                    return null;
                }
            }
        }
        return -1L;
    }
}
