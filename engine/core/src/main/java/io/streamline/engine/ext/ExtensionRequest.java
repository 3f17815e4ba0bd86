package io.streamline.engine.ext;

import java.util.Map;

/**
 * An engine's request for an {@link EngineExtension}.
 *
 * @param name     the extension's {@link EngineExtension#name()}
 * @param artifact the Maven artifact that provides it, named in the error when it is not on the class path
 * @param settings handed to {@link EngineExtension#start}
 */
public record ExtensionRequest(String name, String artifact, Map<String, String> settings) {
    /** Copies the settings. */
    public ExtensionRequest {
        settings = Map.copyOf(settings);
    }
}
