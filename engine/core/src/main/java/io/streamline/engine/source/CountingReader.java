package io.streamline.engine.source;

/**
 * A reader whose offset is the number of records read so far, the shape of most replayable sources (rate,
 * memory, logs indexed by position). Subclasses say how many records exist and how to emit one; this class
 * does the bookkeeping for both continuous polling and micro-batch planning.
 */
public abstract class CountingReader<T> implements SourceReader<T> {
    private long next;

    /** @param startOffset the offset to resume at, or {@code null} for the beginning */
    protected CountingReader(String startOffset) {
        this.next = startOffset == null ? 0 : Long.parseLong(startOffset);
    }

    /** How many records exist now (positions {@code 0 .. available-1}). */
    protected abstract long available();

    /** Emits the record at {@code position}. */
    protected abstract void emit(SourceOutput<T> out, long position);

    @Override
    public final int poll(SourceOutput<T> out, int maxRecords) {
        return emitUpTo(out, Math.min(maxRecords, available() - next));
    }

    @Override
    public final String availableOffset(long maxRecords) {
        // A re-run batch may have read past what the source calls available now (a paced source after a restart).
        long available = Math.max(available(), next);
        return Long.toString(maxRecords >= available - next ? available : next + maxRecords); // no overflow at Long.MAX_VALUE
    }

    @Override
    public final int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
        return emitUpTo(out, Math.min(maxRecords, Long.parseLong(endOffset) - next));
    }

    private int emitUpTo(SourceOutput<T> out, long count) {
        int n = (int) Math.max(0, count);
        for (int i = 0; i < n; i++) {
            emit(out, next);
            next++;
        }
        return n;
    }

    @Override
    public final String offset() {
        return Long.toString(next);
    }
}
