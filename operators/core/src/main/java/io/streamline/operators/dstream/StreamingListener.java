package io.streamline.operators.dstream;

/**
 * Hears about a {@link StreamingContext}'s batches, as Spark's {@code StreamingListener}; called on the engine's
 * listener thread, in order, after each batch committed (its outputs ran and its state is checkpointed).
 */
@FunctionalInterface
public interface StreamingListener {
    /** The batch at {@code info.batchTime()} completed and committed. */
    void onBatchCompleted(BatchInfo info);
}
