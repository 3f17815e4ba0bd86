package io.streamline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The pages and everything they load, all served from this module's resources ({@code io/streamline/ui/web}),
 * so the page works without internet access: {@code /} the engine's queries, {@code /queries/{id}} one query,
 * {@code /static/...} scripts, styles and the bundled chart library.
 */
final class PageHandler implements HttpHandler {
    private static final String ROOT = "/io/streamline/ui/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Responses.readOnly(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String resource;
        if (path.equals("/")) {
            resource = "index.html";
        } else if (path.startsWith("/queries/") && path.indexOf('/', "/queries/".length()) < 0) {
            resource = "query.html"; // the page reads the query's id from its own address
        } else if (path.startsWith("/static/") && !path.contains("..")) {
            resource = path.substring("/static/".length());
        } else {
            Responses.error(exchange, 404, "nothing at " + path + "; the engine's queries are at /");
            return;
        }
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        try (InputStream in = PageHandler.class.getResourceAsStream(ROOT + resource)) {
            if (in == null || !TYPES.containsKey(extension)) {
                Responses.error(exchange, 404, "nothing at " + path);
                return;
            }
            Responses.send(exchange, 200, TYPES.get(extension), in.readAllBytes());
        }
    }
}
