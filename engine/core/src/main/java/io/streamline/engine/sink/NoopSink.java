package io.streamline.engine.sink;

/**
 * Spark's {@code noop} sink: takes every record and does nothing with it. For benchmarks: the engine still
 * records each record's end-to-end latency as the sink receives it, so a query's latency profile is that of
 * the pipeline alone.
 */
public final class NoopSink implements StreamSink<Object> {
    @Override
    public String format() {
        return "noop";
    }

    @Override
    public String description() {
        return "NoopSink";
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        return new SinkWriter<>() {
            @Override
            public void write(Object value) {
                // Discarded: only the engine's latency accounting sees the record.
            }

            @Override
            public void commitEpoch(long epoch) {
                // Nothing was kept, so nothing to make durable.
            }
        };
    }
}
