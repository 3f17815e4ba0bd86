package io.streamline.bench;

import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;

/**
 * A sink that does nothing with its records, fused into the last task. The engine's sink node still
 * records every record's end-to-end latency, so a benchmark measures the engine's path and nothing else.
 */
public final class NoOpSink implements StreamSink<Object> {
    @Override
    public String format() {
        return "noop";
    }

    @Override
    public String description() {
        return "NoOpSink";
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
                // Intentionally empty: the benchmark measures the engine, not a destination.
            }

            @Override
            public void commitEpoch(long epoch) {
                // Nothing was written, so nothing to make durable.
            }
        };
    }
}
