package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/**
 * A preallocated, mutable ring slot and the "current record" of a task. Envelopes are created once when a
 * ring or task is built and then only overwritten, so the record path allocates nothing of its own.
 * An envelope is only ever touched by one thread at a time: the publisher before {@code publish}, the
 * consumer after it (the ring's sequence publication gives the happens-before edge).
 */
public final class Envelope implements RecordMeta {
    private RecordKind kind = RecordKind.RECORD;
    private Object value;
    private long ingestNanos;
    private long eventTime = NO_EVENT_TIME;
    private long sourceOffset;
    private long epoch;

    /** Turns this envelope into a data record. */
    public void setRecord(Object value, long ingestNanos, long eventTime, long sourceOffset) {
        this.kind = RecordKind.RECORD;
        this.value = value;
        this.ingestNanos = ingestNanos;
        this.eventTime = eventTime;
        this.sourceOffset = sourceOffset;
    }

    /** Turns this envelope into a control message of the given kind; {@code epoch} is used by markers, {@code eventTime} by watermarks. */
    public void setControl(RecordKind kind, long epoch, long eventTime) {
        this.kind = kind;
        this.value = null;
        this.epoch = epoch;
        this.eventTime = eventTime;
    }

    /** Copies a record's value and metadata into this slot (used when a record crosses a ring). */
    public void setRecord(Object value, RecordMeta meta) {
        setRecord(value, meta.ingestNanos(), meta.eventTime(), meta.sourceOffset());
    }

    public RecordKind kind() {
        return kind;
    }

    public Object value() {
        return value;
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
}
