package io.streamline.operators.dstream;

import io.streamline.engine.sink.ForeachBatchSink;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;

/**
 * The DStream query's sink: the engine's foreachBatch sink running the {@link OutputDispatcher} on its own thread
 * for every batch, empty ones too. Unlike a plain foreachBatch query it needs no checkpoint location: a context
 * without {@link StreamingContext#checkpoint} runs on a temporary one, as Spark runs stateless streams without one.
 */
final class OutputSink implements StreamSink<Object> {
    private final ForeachBatchSink<Object> batches;

    OutputSink(OutputDispatcher dispatcher) {
        this.batches = new ForeachBatchSink<>(dispatcher);
    }

    @Override
    public String format() {
        return "dstream";
    }

    @Override
    public String description() {
        return "DStreamOutputs";
    }

    @Override
    public boolean runsOnOwnThread() {
        return true;
    }

    @Override
    public boolean requiresCheckpointLocation() {
        return false;
    }

    @Override
    public SinkWriter<Object> open(SinkSetup setup) {
        return batches.open(setup);
    }
}
