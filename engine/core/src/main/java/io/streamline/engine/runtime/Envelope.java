package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;

/**
 * A preallocated, mutable ring slot and the "current record" of a task. Envelopes are created once when a
 * ring or task is built and then only overwritten, so the record path allocates nothing of its own.
 * An envelope is only ever touched by one thread at a time: the publisher before {@code publish}, the
 * consumer after it (the ring's sequence publication gives the happens-before edge).
 */
public final class Envelope implements RecordMeta {
    private RecordKind kind = RecordKind.RECORD;
    private Object value;
    private long longValue;
    private long ingestNanos;
    private long eventTime = NO_EVENT_TIME;
    private long sourceOffset;
    private long epoch;
    private long watermark = Watermarks.NONE;

    /** Turns this envelope into a data record. */
    public void setRecord(Object value, long ingestNanos, long eventTime, long sourceOffset) {
        this.kind = RecordKind.RECORD;
        this.value = value;
        this.ingestNanos = ingestNanos;
        this.eventTime = eventTime;
        this.sourceOffset = sourceOffset;
    }

    /** Copies a record's value and metadata into this slot (used when a record crosses a ring). */
    public void setRecord(Object value, RecordMeta meta) {
        setRecord(value, meta.ingestNanos(), meta.eventTime(), meta.sourceOffset());
    }

    /**
     * Turns this envelope into the record {@code KeyValue(key, value)} without creating it: the key in the value's
     * place and the value in a primitive field ({@link RecordKind#KEYED_LONG}), so a running count's result crosses a
     * ring without a row or a boxed {@code Long}.
     */
    public void setKeyedLong(Object key, long value, RecordMeta meta) {
        setRecord(key, meta);
        this.kind = RecordKind.KEYED_LONG;
        this.longValue = value;
    }

    /** Turns this envelope into the marker closing {@code epoch}, carrying {@code watermark}. */
    public void setMarker(long epoch, long watermark) {
        this.kind = RecordKind.EPOCH_MARKER;
        this.value = null;
        this.epoch = epoch;
        this.watermark = watermark;
    }

    /** Turns this envelope into the end of its input. */
    public void setEnd() {
        this.kind = RecordKind.END;
        this.value = null;
    }

    public RecordKind kind() {
        return kind;
    }

    /** The record's value; for a {@link RecordKind#KEYED_LONG}, its key. */
    public Object value() {
        return value;
    }

    /** The value of a {@link RecordKind#KEYED_LONG}. */
    public long longValue() {
        return longValue;
    }

    @Override
    public long ingestNanos() {
        return ingestNanos;
    }

    @Override
    public long eventTime() {
        return eventTime;
    }

    @Override
    public long sourceOffset() {
        return sourceOffset;
    }

    /** The epoch an {@link RecordKind#EPOCH_MARKER} closes. */
    public long epoch() {
        return epoch;
    }

    /** The watermark an {@link RecordKind#EPOCH_MARKER} carries. */
    public long watermark() {
        return watermark;
    }
}
