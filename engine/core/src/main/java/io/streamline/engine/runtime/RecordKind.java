package io.streamline.engine.runtime;

/** What a ring slot carries. Control kinds travel in band so they stay ordered with the records they delimit. */
public enum RecordKind {
    /** A data record: {@link Envelope#value()} is the user's value. */
    RECORD,
    /**
     * A data record {@code KeyValue(key, value)} with a {@code long} value, carried unboxed: {@link Envelope#value()} is
     * the key, {@link Envelope#longValue()} the value (a running count's or sum's result crossing a ring).
     */
    KEYED_LONG,
    /**
     * Checkpoint barrier: every record before it belongs to epoch {@link Envelope#epoch()} or earlier; it carries
     * the upstream's watermark as of that epoch's end ({@link Envelope#watermark()}).
     */
    EPOCH_MARKER,
    /** The input has ended and will deliver nothing more. */
    END
}
