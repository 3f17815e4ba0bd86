package io.streamline.operators.dstream;

/** Where a {@link StreamingContext} is in its life, as Spark's {@code StreamingContextState}. */
public enum ContextState {
    /** Created; DStreams and output operations can be defined. */
    INITIALIZED,
    /** Started: batches run. */
    ACTIVE,
    /** Stopped; it cannot be started again. */
    STOPPED
}
