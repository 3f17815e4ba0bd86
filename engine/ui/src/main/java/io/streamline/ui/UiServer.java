package io.streamline.ui;

import com.sun.net.httpserver.HttpServer;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.ext.EngineExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's HTTP server (the JDK's {@code com.sun.net.httpserver}): the live pages, the JSON API and
 * {@code /metrics}. Its threads are daemons, so a forgotten {@code close()} never keeps an application alive,
 * and they only read what the queries publish (listener events, progress reports, histogram copies): serving a
 * page adds nothing to a query's record path.
 */
final class UiServer implements EngineExtension.Running {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
    /** Live pages hold a thread each (bounded by {@link LiveStream#MAX_STREAMS}); a few more for plain requests. */
    private static final int MAX_THREADS = LiveStream.MAX_STREAMS + 8;

    private final HttpServer server;
    private final ExecutorService threads;
    private final QueryRegistry registry;
    private final URI address;
    private volatile boolean serving = true;

    private UiServer(HttpServer server, ExecutorService threads, QueryRegistry registry) {
        this.server = server;
        this.threads = threads;
        this.registry = registry;
        InetSocketAddress bound = server.getAddress();
        this.address = URI.create("http://" + hostForUri(bound) + ":" + bound.getPort() + "/");
    }

    /**
     * Serves {@code engine}'s queries on {@code address}.
     *
     * @throws IllegalStateException if the port is taken or the address cannot be listened on
     */
    static UiServer start(StreamEngine engine, InetSocketAddress address) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new IllegalStateException("The streamline UI cannot listen on " + address.getHostString() + ":"
                    + address.getPort() + " (" + e.getMessage() + "): the port is taken or the address is not this "
                    + "machine's. Choose another port with StreamEngine.builder().ui(port) or -Dstreamline.ui.port "
                    + "(0 picks a free one)", e);
        } catch (IOException e) {
            throw new IllegalStateException("The streamline UI cannot listen on " + address + ": " + e.getMessage(), e);
        }
        QueryRegistry registry = QueryRegistry.listenTo(engine);
        ExecutorService threads = daemonThreads();
        UiServer ui = new UiServer(server, threads, registry);
        LiveStream live = new LiveStream(() -> ui.serving);
        server.createContext("/", new PageHandler());
        server.createContext("/api/", new ApiHandler(registry, live));
        server.createContext("/metrics", new MetricsHandler(registry));
        server.setExecutor(threads);
        startAsDaemon(server);
        LOG.info("Streamline UI at {} (JSON API under {}api/queries, Prometheus metrics at {}metrics)",
                ui.address, ui.address, ui.address);
        return ui;
    }

    /** The server's dispatcher thread takes the daemon status of the thread that starts it. */
    private static void startAsDaemon(HttpServer server) {
        Thread starter = new Thread(server::start, "streamline-ui-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IllegalStateException("interrupted while starting the streamline UI", e);
        }
    }

    private static ExecutorService daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        // Requests beyond the threads wait in the queue rather than being rejected (the server would drop them).
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "streamline-ui-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String hostForUri(InetSocketAddress bound) {
        String host = bound.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public Optional<URI> address() {
        return Optional.of(address);
    }

    @Override
    public void close() {
        serving = false;
        registry.detach();
        server.stop(0);
        threads.shutdownNow();
    }
}
