package io.streamline.engine.exec;

import io.streamline.engine.config.Options;
import io.streamline.engine.sink.ConsoleSink;
import io.streamline.engine.sink.FileSink;
import io.streamline.engine.sink.JournalSink;
import io.streamline.engine.sink.MemorySink;
import io.streamline.engine.sink.MemoryTable;
import io.streamline.engine.sink.NoopSink;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.FileSource;
import io.streamline.engine.source.JournalSource;
import io.streamline.engine.source.RateSource;
import io.streamline.engine.source.SocketSource;
import io.streamline.engine.source.StreamSource;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The sources and sinks that can be named with {@code format(...)}, and how their options are read. */
final class Formats {
    private static final Map<String, Function<Options, StreamSource<?>>> SOURCES = new TreeMap<>(Map.of(
            "rate", RateSource::fromOptions,
            "socket", SocketSource::fromOptions,
            "text", options -> FileSource.fromOptions("text", options),
            "csv", options -> FileSource.fromOptions("csv", options),
            "json", options -> FileSource.fromOptions("json", options),
            "journal", JournalSource::fromOptions));

    private Formats() {
    }

    /** The source {@code format} with {@code options}; fails naming the format or option at fault. */
    static StreamSource<?> source(String format, Options options) {
        Function<Options, StreamSource<?>> factory = format == null ? null : SOURCES.get(format.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown source format '" + format + "'; accepted formats: "
                    + String.join(", ", SOURCES.keySet()) + " (and MemoryStream, given with readStream(source))");
        }
        return factory.apply(options);
    }

    /**
     * The sink {@code format} with {@code options}.
     *
     * @param memoryTable the table a memory sink fills, looked up by query name
     */
    static StreamSink<?> sink(String format, Options options, String queryName, Function<String, MemoryTable<Object>> memoryTable) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "console" -> ConsoleSink.fromOptions(options);
            case "memory" -> {
                options.requireOnly(Set.of());
                if (queryName == null || queryName.isBlank()) {
                    throw new IllegalArgumentException("queryName must be set for the memory sink: it names the table the results go to");
                }
                yield new MemorySink<>(memoryTable.apply(queryName));
            }
            case "json", "csv", "text" -> FileSink.fromOptions(f, options);
            case "journal" -> JournalSink.fromOptions(options);
            case "noop" -> {
                options.requireOnly(Set.of());
                yield new NoopSink();
            }
            default -> throw new IllegalArgumentException("Unknown sink format '" + format
                    + "'; accepted formats: console, csv, journal, json, memory, noop, text (and foreach(writer), foreachBatch(function)"
                    + " or sink(StreamSink))");
        };
    }
}
