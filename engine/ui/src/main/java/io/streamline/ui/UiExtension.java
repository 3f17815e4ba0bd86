package io.streamline.ui;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.ext.EngineExtension;
import io.streamline.engine.ext.UiSettings;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The {@code ui} engine extension: what {@code StreamEngine.builder().ui(port)} or {@code -Dstreamline.ui.port}
 * starts when this module is on the class path (registered in {@code META-INF/services}).
 */
public final class UiExtension implements EngineExtension {
    @Override
    public String name() {
        return UiSettings.NAME;
    }

    @Override
    public Running start(StreamEngine engine, Map<String, String> settings) {
        String host = settings.getOrDefault(UiSettings.ADDRESS, UiSettings.DEFAULT_ADDRESS);
        int port = Integer.parseInt(settings.getOrDefault(UiSettings.PORT, "0"));
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("ui address '" + host + "' does not resolve; give a host name or IP address "
                    + "of this machine, e.g. " + UiSettings.DEFAULT_ADDRESS);
        }
        return UiServer.start(engine, address);
    }
}
