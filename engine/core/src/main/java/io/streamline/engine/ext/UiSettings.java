package io.streamline.engine.ext;

import java.util.Map;
import java.util.Optional;

/**
 * How an engine asks for its live monitoring page, served by the {@code streamline-ui} module: through
 * {@code StreamEngine.builder().ui(port)} or the system property {@value #PORT_PROPERTY} (with
 * {@value #ADDRESS_PROPERTY} to listen elsewhere than {@value #DEFAULT_ADDRESS}). Off unless asked for.
 */
public final class UiSettings {
    /** The extension's name. */
    public static final String NAME = "ui";
    /** The artifact that provides it. */
    public static final String ARTIFACT = "io.streamline:streamline-ui";
    /** The port to serve on; {@code 0} picks a free one. */
    public static final String PORT_PROPERTY = "streamline.ui.port";
    /** The address to listen on. */
    public static final String ADDRESS_PROPERTY = "streamline.ui.address";
    /** Loopback only: the page shows plans and data rates, so it is not offered to the network unless asked. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    /** The keys of the settings handed to the extension. */
    public static final String ADDRESS = "address";
    /** See {@link #ADDRESS}. */
    public static final String PORT = "port";

    private UiSettings() {
    }

    /**
     * The request for the page on {@code address:port}.
     *
     * @throws IllegalArgumentException if the port is outside 0..65535 or the address is blank
     */
    public static ExtensionRequest request(String address, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ui port must be 0 (any free port) to 65535, got " + port);
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("ui address must be a host name or IP address, e.g. "
                    + DEFAULT_ADDRESS + " (this machine only) or 0.0.0.0 (every interface)");
        }
        return new ExtensionRequest(NAME, ARTIFACT, Map.of(ADDRESS, address, PORT, Integer.toString(port)));
    }

    /**
     * The request the system properties make, if {@value #PORT_PROPERTY} is set.
     *
     * @throws IllegalArgumentException if it is not a port number
     */
    public static Optional<ExtensionRequest> fromSystemProperties() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank()) {
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PORT_PROPERTY + " must be a port number (0 for any free port), got '"
                    + port + "'");
        }
        return Optional.of(request(System.getProperty(ADDRESS_PROPERTY, DEFAULT_ADDRESS), number));
    }
}
