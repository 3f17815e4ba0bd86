package io.streamline.engine.runtime;

/** What a ring slot carries. Control kinds travel in band so they stay ordered with the records they delimit. */
public enum RecordKind {
    /** A data record: {@link Envelope#value()} is the user's value. */
    RECORD,
    /**
     * Checkpoint barrier: every record before it belongs to epoch {@link Envelope#epoch()} or earlier; it carries
     * the upstream's watermark as of that epoch's end ({@link Envelope#watermark()}).
     */
    EPOCH_MARKER,
    /** The input has ended and will deliver nothing more. */
    END
}
