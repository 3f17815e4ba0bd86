package io.streamline.ui;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Server-Sent Events: pushes an {@code update} event to a page at a fixed interval until the page goes away or
 * the server stops. Each open page holds one HTTP thread (it mostly sleeps); their number is bounded so that
 * forgotten tabs cannot exhaust the server.
 */
final class LiveStream {
    /** Twice a second: the issue asks for at least once, and epochs are often 100 ms. */
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final int MAX_STREAMS = 16;

    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final BooleanSupplier serving;

    /** @param serving whether the server still runs; streams end when it stops */
    LiveStream(BooleanSupplier serving) {
        this.serving = serving;
    }

    /**
     * Streams the events {@code next} produces, one per interval; returns when the client disconnects or the
     * server stops.
     */
    void serve(HttpExchange exchange, Supplier<String> next) throws IOException {
        if (!streams.tryAcquire()) {
            Responses.error(exchange, 503, MAX_STREAMS + " live pages are open already; close one and reload");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                // The page reconnects by itself after a lost connection; tell it to do so within a second.
                out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
                while (serving.getAsBoolean()) {
                    out.write(("event: update\ndata: " + next.get() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(INTERVAL.toMillis());
                }
            } catch (IOException disconnected) {
                // the page was closed or reloaded: nothing to do
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        } finally {
            streams.release();
            exchange.close();
        }
    }
}
