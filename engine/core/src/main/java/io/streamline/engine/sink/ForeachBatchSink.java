package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordMeta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Drives a {@link ForeachBatchFunction}: the sink's thread collects an epoch's rows, and the committer thread calls
 * the function with them once every part of the query has acknowledged the epoch, before its commit record
 * ({@link EpochOutput#persist()}). In continuous mode that is after the epoch's boundaries are in the epoch log, so
 * an epoch id the function saw always names the same rows: after a crash the epoch is replayed with exactly those
 * rows, and a function that skips an id it already stored (as Spark asks) writes every row exactly once. In micro-batch mode
 * it is called for every batch the query runs, as Spark does, including a batch whose output is empty (every row
 * dropped, or a batch that only moved the watermark); in continuous mode, for every epoch that has rows. The rows are
 * collected on a thread of the sink's own and the function runs on the committer, so a slow function never stalls a
 * source's task.
 */
public final class ForeachBatchSink<T> implements StreamSink<T> {
    private final ForeachBatchFunction<T> function;

    /** @param function the user's function */
    public ForeachBatchSink(ForeachBatchFunction<T> function) {
        this.function = function;
    }

    @Override
    public String format() {
        return "foreachBatch";
    }

    @Override
    public String description() {
        return "ForeachBatchSink[" + function.getClass().getName() + "]";
    }

    @Override
    public boolean runsOnOwnThread() {
        return true;
    }

    @Override
    public SinkWriter<T> open(SinkSetup setup) {
        return new SinkWriter<>() {
            private List<T> rows = new ArrayList<>();

            @Override
            public void write(T value, RecordMeta meta) {
                rows.add(value);
            }

            @Override
            public EpochOutput prepare(long epoch) {
                if (rows.isEmpty() && !setup.exactlyOnce()) {
                    return EpochOutput.DONE;
                }
                List<T> batch = Collections.unmodifiableList(rows);
                rows = new ArrayList<>();
                return new EpochOutput() {
                    @Override
                    public String persist() {
                        call(batch, epoch);
                        return null;
                    }
                };
            }
        };
    }

    private void call(List<T> batch, long epoch) {
        try {
            function.call(batch, epoch);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("foreachBatch failed for epoch " + epoch + ": " + e.getMessage(), e);
        }
    }
}
