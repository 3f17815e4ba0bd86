package io.streamline.engine.connector;

import io.streamline.engine.config.Options;
import io.streamline.engine.sink.StreamSink;

/**
 * Makes the sinks of one format, found by {@code writeStream().format(name)} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.streamline.engine.connector.SinkProvider}); see {@link SourceProvider}.
 */
public interface SinkProvider {
    /** The name {@code format(...)} matches, case-insensitively, e.g. {@code "console"}. */
    String format();

    /**
     * The sink for these options.
     *
     * @param context the query the sink is made for
     * @throws IllegalArgumentException naming the option at fault and what is accepted
     */
    StreamSink<?> create(Options options, SinkContext context);
}
