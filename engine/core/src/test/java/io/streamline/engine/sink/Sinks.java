package io.streamline.engine.sink;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.runtime.Envelope;

/** Drives a sink writer the way the engine does: records with metadata, and each epoch's two phases in order. */
public final class Sinks {
    /** Metadata for records a test writes directly. */
    public static final RecordMeta META = new Envelope();

    private Sinks() {
    }

    /** Ends {@code epoch} as the engine does when it commits: prepare, persist, (commit record,) commit. */
    public static void commit(SinkWriter<?> writer, long epoch) throws Exception {
        EpochOutput output = writer.prepare(epoch);
        output.persist();
        output.commit();
    }
}
