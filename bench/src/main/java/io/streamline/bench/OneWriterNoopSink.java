package io.streamline.bench;

import io.streamline.engine.sink.NoopSink;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;

/**
 * The {@code noop} sink with one writer for the whole query, as the journal, memory and foreach sinks have: the
 * instances of a parallel operator then feed it through a fan-in, so their results cross a ring on the way, which
 * is what {@code keyed-count-2p-x2-merged} measures (a partitioned sink would be fused into each instance instead).
 */
final class OneWriterNoopSink implements StreamSink<Object> {
    private final NoopSink noop = new NoopSink();

    @Override
    public String format() {
        return noop.format();
    }

    @Override
    public String description() {
        return "NoopSink (one writer)";
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        return noop.open(setup);
    }
}
