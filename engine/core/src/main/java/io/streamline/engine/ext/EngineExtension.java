package io.streamline.engine.ext;

import io.streamline.engine.StreamEngine;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A service an engine starts beside its queries, found through {@link java.util.ServiceLoader} (list the
 * implementation in {@code META-INF/services/io.streamline.engine.ext.EngineExtension}), so that a module with
 * heavy dependencies (the {@code streamline-ui} HTTP server and its Prometheus client) plugs in without the core
 * depending on it. An engine starts the extensions its builder or the system properties ask for by
 * {@link #name()} when it is built, and closes them when it is closed.
 */
public interface EngineExtension {
    /** The name the engine asks for, e.g. {@code ui}. */
    String name();

    /**
     * Starts the extension for {@code engine}, whose configuration is final but which runs no query yet.
     *
     * @param settings what the builder or the system properties gave, e.g. {@code address} and {@code port}
     * @return the running extension, closed when the engine is
     * @throws IllegalArgumentException on a setting the extension cannot use, naming it and what is accepted
     * @throws IllegalStateException    when it cannot start, e.g. its port is taken
     */
    Running start(StreamEngine engine, Map<String, String> settings);

    /** A started extension. */
    interface Running extends AutoCloseable {
        /** Where people reach it, if it serves anything, e.g. {@code http://127.0.0.1:4040/}. */
        default Optional<URI> address() {
            return Optional.empty();
        }

        /** Stops it; must not throw. */
        @Override
        void close();
    }
}
