package io.streamline.engine.ext;

import io.streamline.engine.StreamEngine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The extensions one engine runs: started together when it is built, closed in reverse order with it. */
public final class EngineExtensions implements AutoCloseable {
    private final List<Started> running;

    private record Started(String name, EngineExtension.Running extension) {
    }

    private EngineExtensions(List<Started> running) {
        this.running = running;
    }

    /**
     * Finds every requested extension on the class path and starts it; if one is missing or fails to start,
     * the ones already started are closed again and nothing keeps running.
     *
     * @throws IllegalStateException naming the missing artifact, or why an extension did not start
     */
    public static EngineExtensions start(StreamEngine engine, List<ExtensionRequest> requests) {
        List<Started> started = new ArrayList<>();
        try {
            for (ExtensionRequest request : requests) {
                started.add(new Started(request.name(), find(request).start(engine, request.settings())));
            }
        } catch (RuntimeException e) {
            new EngineExtensions(started).close();
            throw e;
        }
        return new EngineExtensions(started);
    }

    private static EngineExtension find(ExtensionRequest request) {
        List<String> found = new ArrayList<>();
        for (EngineExtension extension : ServiceLoader.load(EngineExtension.class)) {
            if (extension.name().equals(request.name())) {
                return extension;
            }
            found.add(extension.name());
        }
        throw new IllegalStateException("The engine extension '" + request.name() + "' was asked for, but its module is "
                + "not on the class path: add the artifact " + request.artifact() + " to the application"
                + (found.isEmpty() ? "" : " (extensions found: " + String.join(", ", found) + ")"));
    }

    /** Where the (first) extension called {@code name} can be reached, if it runs and serves anything. */
    public Optional<URI> address(String name) {
        return running.stream().filter(s -> s.name().equals(name)).findFirst().flatMap(s -> s.extension().address());
    }

    /** Closes every started extension, the last started first. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).extension().close();
        }
        running.clear();
    }
}
