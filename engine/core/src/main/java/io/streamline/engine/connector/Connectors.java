package io.streamline.engine.connector;

import io.streamline.engine.config.Options;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.StreamSource;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The source and sink formats installed on the class path, found once through {@link ServiceLoader}. An unknown
 * format's error lists the installed ones, and for a format of one of the engine's own optional modules, the
 * artifact that brings it.
 */
public final class Connectors {
    /** Formats of the engine's optional modules, to say which artifact a missing one needs. */
    private static final Map<String, String> OPTIONAL = Map.of("kafka", "io.streamline:streamline-kafka");

    private static final Map<String, SourceProvider> SOURCES = load(SourceProvider.class, SourceProvider::format);
    private static final Map<String, SinkProvider> SINKS = load(SinkProvider.class, SinkProvider::format);

    private Connectors() {
    }

    /** The source {@code format} with {@code options}; fails naming the format or option at fault. */
    public static StreamSource<?> source(String format, Options options) {
        SourceProvider provider = format == null ? null : SOURCES.get(format.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw unknown("source", format, SOURCES, " (and MemoryStream, given with readStream(source))");
        }
        return provider.create(options);
    }

    /** The sink {@code format} with {@code options}; fails naming the format or option at fault. */
    public static StreamSink<?> sink(String format, Options options, SinkContext context) {
        SinkProvider provider = format == null ? null : SINKS.get(format.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw unknown("sink", format, SINKS, " (and foreach(writer), foreachBatch(function) or sink(StreamSink))");
        }
        return provider.create(options, context);
    }

    /** The installed source formats. */
    public static java.util.Set<String> sourceFormats() {
        return SOURCES.keySet();
    }

    /** The installed sink formats. */
    public static java.util.Set<String> sinkFormats() {
        return SINKS.keySet();
    }

    private static IllegalArgumentException unknown(String kind, String format, Map<String, ?> installed, String others) {
        String artifact = format == null ? null : OPTIONAL.get(format.toLowerCase(Locale.ROOT));
        String hint = artifact == null ? "" : "; the '" + format + "' " + kind + " is in the artifact " + artifact
                + ", which is not on the class path";
        return new IllegalArgumentException("Unknown " + kind + " format '" + format + "'" + hint + "; installed formats: "
                + String.join(", ", installed.keySet()) + others);
    }

    private static <P> Map<String, P> load(Class<P> type, Function<P, String> name) {
        Map<String, P> providers = new TreeMap<>();
        for (P provider : ServiceLoader.load(type, Connectors.class.getClassLoader())) {
            String format = name.apply(provider).toLowerCase(Locale.ROOT);
            P previous = providers.putIfAbsent(format, provider);
            if (previous != null) {
                throw new IllegalStateException("Two " + type.getSimpleName() + "s register format '" + format + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return providers;
    }
}
