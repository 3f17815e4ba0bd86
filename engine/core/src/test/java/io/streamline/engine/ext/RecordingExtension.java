package io.streamline.engine.ext;

import io.streamline.engine.StreamEngine;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test extension found through {@code META-INF/services}: records what it was started with and when it was
 * closed; the setting {@code fail} makes it refuse to start.
 */
public final class RecordingExtension implements EngineExtension {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Running start(StreamEngine engine, Map<String, String> settings) {
        if (settings.containsKey("fail")) {
            throw new IllegalStateException("refused: " + settings.get("fail"));
        }
        String id = settings.get("id");
        EVENTS.add("started " + id);
        return new Running() {
            @Override
            public Optional<URI> address() {
                return Optional.of(URI.create("test://" + id));
            }

            @Override
            public void close() {
                EVENTS.add("closed " + id);
            }
        };
    }
}
