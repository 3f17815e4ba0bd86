package io.streamline.engine.sink;

import java.util.Set;
import io.streamline.engine.connector.SinkProvider;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.config.Options;
import io.streamline.engine.operator.RecordMeta;

import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code memory} sink: rows of each epoch are buffered on the sink's thread without locking and
 * applied to the {@link MemoryTable} named after the query once the epoch's commit record is durable, so the
 * table never shows an epoch that a restart would replay.
 */
public final class MemorySink<T> implements StreamSink<T> {
    private final MemoryTable<T> table;

    /** @param table the table this sink fills */
    public MemorySink(MemoryTable<T> table) {
        this.table = table;
    }

    @Override
    public String format() {
        return "memory";
    }

    @Override
    public String description() {
        return "MemorySink[" + table.name() + "]";
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        return new SinkWriter<>() {
            private List<T> epochRows = new ArrayList<>();

            @Override
            public void write(T value, RecordMeta meta) {
                epochRows.add(value);
            }

            @Override
            public EpochOutput prepare(long epoch) {
                List<T> rows = epochRows;
                epochRows = new ArrayList<>();
                return new EpochOutput() {
                    @Override
                    public void commit() {
                        table.apply(epoch, rows, setup.outputMode(), setup.exactlyOnce());
                    }
                };
            }
        };
    }

    /** Registers format {@code "memory"} for {@code writeStream().format(...)}. */
    public static final class Provider implements SinkProvider {
        @Override
        public String format() {
            return "memory";
        }

        @Override
        public StreamSink<?> create(Options options, SinkContext context) {
            options.requireOnly(Set.of());
            String name = context.queryName();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("queryName must be set for the memory sink: it names the table the results go to");
            }
            return new MemorySink<>(context.memoryTables().apply(name));
        }
    }
}
