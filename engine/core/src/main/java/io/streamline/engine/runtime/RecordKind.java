package io.streamline.engine.runtime;

/** What a ring slot carries. Control kinds travel in band so they stay ordered with the records they delimit. */
public enum RecordKind {
    /** A data record: {@link Envelope#value()} is the user's value. */
    RECORD,
    /** Checkpoint barrier: every record before it belongs to epoch {@link Envelope#epoch()} or earlier. */
    EPOCH_MARKER,
    /** Event-time progress: no record with an event time below {@link Envelope#eventTime()} follows. */
    WATERMARK,
    /** The input has ended and will deliver nothing more. */
    END
}
