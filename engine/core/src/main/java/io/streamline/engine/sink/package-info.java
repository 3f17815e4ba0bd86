/**
 * The sink SPI ({@link io.streamline.engine.sink.StreamSink}, {@link io.streamline.engine.sink.SinkWriter}) and the
 * built-in sinks. By {@code writeStream().format(...)}: {@code console}, {@code memory}; {@code json}, {@code csv},
 * {@code text} ({@code path}): {@link io.streamline.engine.sink.FileSink}, one file per epoch and partition,
 * renamed into place at commit and listed in {@code _streamline_metadata}; {@code journal} ({@code path}):
 * {@link io.streamline.engine.sink.JournalSink}, rows appended to a Chronicle queue for a {@code journal} source.
 * By method: {@code foreach(ForeachWriter)}, {@code foreachBatch(ForeachBatchFunction)} and {@code sink(StreamSink)}.
 * All are at least once in continuous mode: an epoch that did not commit is replayed after a restart.
 */
package io.streamline.engine.sink;
