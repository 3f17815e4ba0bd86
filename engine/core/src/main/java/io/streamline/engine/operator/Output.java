package io.streamline.engine.operator;

/** Where an {@link Operator} sends its results; a call runs the rest of the fused chain before it returns. */
public interface Output<O> {
    /** Emits {@code value} with the metadata (ingest time, event time, offset) of the record being processed. */
    void emit(O value);
}
