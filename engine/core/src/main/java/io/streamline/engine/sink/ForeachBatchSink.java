package io.streamline.engine.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Drives a {@link ForeachBatchFunction}: the sink's thread collects an epoch's rows and calls the function
 * in {@link SinkWriter#commitEpoch}, once per epoch that has rows (an epoch without rows, like a trigger
 * without new data in Spark, calls nothing). Runs on its own thread, so a slow function never stalls a
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
            public void write(T value) {
                rows.add(value);
            }

            @Override
            public void commitEpoch(long epoch) {
                if (rows.isEmpty()) {
                    return;
                }
                List<T> batch = Collections.unmodifiableList(rows);
                rows = new ArrayList<>();
                try {
                    function.call(batch, epoch);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("foreachBatch failed for epoch " + epoch + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
