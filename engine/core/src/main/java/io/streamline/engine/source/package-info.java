/**
 * The source SPI ({@link io.streamline.engine.source.StreamSource}, {@link io.streamline.engine.source.SourceReader})
 * and the built-in sources. By {@code readStream().format(...)}:
 * <ul>
 *   <li>{@code rate}: {@link io.streamline.engine.source.RateSource};</li>
 *   <li>{@code socket} ({@code host}, {@code port}): {@link io.streamline.engine.source.SocketSource}, text lines
 *       journaled to a write-ahead log under {@code <checkpointLocation>/wal} before they enter the pipeline;</li>
 *   <li>{@code text}, {@code csv}, {@code json} ({@code path}): {@link io.streamline.engine.source.FileSource},
 *       new files of a directory, tracked in a processed-files log under {@code <checkpointLocation>/sources}.
 *       Files must appear complete: write elsewhere, then move in atomically; names starting with {@code .} or
 *       {@code _} are ignored. Malformed lines follow {@code mode} (PERMISSIVE, DROPMALFORMED, FAILFAST);</li>
 *   <li>{@code journal} ({@code path}, {@code startingIndex}): {@link io.streamline.engine.source.JournalSource},
 *       what a {@code journal} sink wrote, replayable by index.</li>
 * </ul>
 * A source that keeps durable state of its own overrides
 * {@link io.streamline.engine.source.StreamSource#openPartition(int, String, io.streamline.engine.source.SourceContext)}
 * to learn the query's checkpoint location.
 */
package io.streamline.engine.source;
