package io.streamline.engine.connector;

import io.streamline.engine.config.Options;
import io.streamline.engine.source.StreamSource;

/**
 * Makes the sources of one format, found by {@code readStream().format(name)} through {@link java.util.ServiceLoader}:
 * a connector registers its provider in {@code META-INF/services/io.streamline.engine.connector.SourceProvider}, so
 * putting its jar on the class path is all it takes (Spark's {@code DataSourceRegister}). Providers need a public
 * no-argument constructor.
 */
public interface SourceProvider {
    /** The name {@code format(...)} matches, case-insensitively, e.g. {@code "rate"}. */
    String format();

    /**
     * The source for these options.
     *
     * @throws IllegalArgumentException naming the option at fault and what is accepted
     */
    StreamSource<?> create(Options options);
}
