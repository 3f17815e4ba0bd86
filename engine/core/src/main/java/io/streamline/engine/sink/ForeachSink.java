package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordMeta;

/** Drives a user's {@link ForeachWriter}: opened lazily at an epoch's first row, closed when the epoch commits. */
public final class ForeachSink<T> implements StreamSink<T> {
    private final ForeachWriter<T> writer;

    /** @param writer the user's writer */
    public ForeachSink(ForeachWriter<T> writer) {
        this.writer = writer;
    }

    @Override
    public String format() {
        return "foreach";
    }

    @Override
    public String description() {
        return "ForeachSink[" + writer.getClass().getName() + "]";
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        return new SinkWriter<>() {
            private long epoch = setup.firstEpoch();
            private boolean opened;
            private boolean accepting;

            @Override
            public void write(T value, RecordMeta meta) {
                if (!opened) {
                    opened = true;
                    accepting = writer.open(setup.partitionId(), epoch);
                }
                if (accepting) {
                    writer.process(value, meta.position());
                }
            }

            @Override
            public EpochOutput prepare(long ended) {
                if (opened) {
                    writer.close(null);
                    opened = false;
                }
                epoch = ended + 1;
                return EpochOutput.DONE; // a writer flushes in close, before the epoch may commit
            }

            @Override
            public void close(Throwable error) {
                if (opened) {
                    opened = false;
                    writer.close(error);
                }
            }
        };
    }
}
