package io.streamline.ui;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing whole responses. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void json(HttpExchange exchange, String json) throws IOException {
        send(exchange, 200, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message}} with {@code status}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, ApiJson.render(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request may be answered: only GET and HEAD are; anything else gets 405. */
    static boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        error(exchange, 405, method + " is not accepted here; the UI and its API are read-only (GET, HEAD)");
        return false;
    }
}
