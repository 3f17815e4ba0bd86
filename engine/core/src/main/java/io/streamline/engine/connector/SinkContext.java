package io.streamline.engine.connector;

import io.streamline.engine.sink.MemoryTable;

import java.util.function.Function;

/**
 * What a {@link SinkProvider} learns about the query it makes a sink for.
 *
 * @param queryName    the query's name, or {@code null}
 * @param memoryTables the engine's named in-memory tables (for the {@code memory} sink)
 */
public record SinkContext(String queryName, Function<String, MemoryTable<Object>> memoryTables) {
}
