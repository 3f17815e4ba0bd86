package io.streamline.engine.source;

/**
 * A source whose readers plan micro-batches by record count, limited by the {@code maxRecordsPerTrigger}
 * option (rate, socket, journal).
 */
abstract class RecordLimitedSource<T> implements StreamSource<T> {
    private final long maxRecordsPerTrigger;

    /** @param maxRecordsPerTrigger records per micro-batch over all partitions at most */
    RecordLimitedSource(long maxRecordsPerTrigger) {
        this.maxRecordsPerTrigger = maxRecordsPerTrigger;
    }

    @Override
    public final boolean supportsMicroBatch() {
        return true;
    }

    @Override
    public final long maxRecordsPerTrigger() {
        return maxRecordsPerTrigger;
    }
}
