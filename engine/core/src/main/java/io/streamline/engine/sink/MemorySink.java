package io.streamline.engine.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code memory} sink: rows of each epoch are buffered on the sink's thread without locking and
 * applied to the {@link MemoryTable} named after the query when the epoch commits.
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
            private final List<T> epochRows = new ArrayList<>();

            @Override
            public void write(T value) {
                epochRows.add(value);
            }

            @Override
            public void commitEpoch(long epoch) {
                table.apply(epoch, epochRows, setup.outputMode(), setup.exactlyOnce());
                epochRows.clear();
            }
        };
    }
}
