package io.streamline.engine.sink;

import java.util.Set;
import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;

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
    public boolean supportsPartitions() {
        return true;
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        return new SinkWriter<>() {
            @Override
            public void write(Object value, RecordMeta meta) {
                // Discarded: only the engine's latency accounting sees the record.
            }

            @Override
            public void writeKeyedLong(Object key, long value, RecordMeta meta) {
                // Discarded without creating the row.
            }

            @Override
            public EpochOutput prepare(long epoch) {
                return EpochOutput.DONE; // nothing was kept, so nothing to make durable
            }
        };
    }

    /** Registers format {@code "noop"} for {@code writeStream().format(...)}. */
    public static final class Provider implements SinkProvider {
        @Override
        public String format() {
            return "noop";
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            options.requireOnly(Set.of());
            return new NoopSink();
        }
    }
}
