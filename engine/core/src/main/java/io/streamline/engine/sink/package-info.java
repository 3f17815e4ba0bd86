/**
 * The sink SPI ({@link io.streamline.engine.sink.StreamSink}, {@link io.streamline.engine.sink.SinkWriter}) and the
 * built-in sinks. By {@code writeStream().format(...)}: {@code console}, {@code memory}; {@code json}, {@code csv},
 * {@code text} ({@code path}): {@link io.streamline.engine.sink.FileSink}, one file per epoch and partition,
 * renamed into place at commit and listed in {@code _streamline_metadata}; {@code journal} ({@code path}):
 * {@link io.streamline.engine.sink.JournalSink}, rows appended to a Chronicle queue for a {@code journal} source.
 * By method: {@code foreach(ForeachWriter)}, {@code foreachBatch(ForeachBatchFunction)} and {@code sink(StreamSink)}.
 * A sink's output of an epoch is prepared at the epoch's marker and, for two-phase sinks (the file sink), made
 * visible only after the epoch's commit record: output of an epoch a crash interrupted is discarded, not shown twice.
 * One-phase sinks write as records arrive and must drop what a replayed epoch gives them again: the journal sink
 * does, by each record's {@link io.streamline.engine.operator.RecordPosition} and the position entries it appends;
 * a {@code ForeachWriter} can, by its {@code open} answer or by position, or else gets records after the last commit
 * again when the epoch is replayed in continuous mode.
 */
package io.streamline.engine.sink;
