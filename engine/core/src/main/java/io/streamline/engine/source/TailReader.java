package io.streamline.engine.source;

/**
 * A reader of a Chronicle log through a {@link JournalTail}: the write-ahead log of the socket source and the
 * journal source. It does the offset bookkeeping for continuous polling and micro-batch planning; subclasses
 * turn an entry into a record.
 */
abstract class TailReader<T> implements SourceReader<T> {
    protected final JournalTail tail;

    TailReader(JournalTail tail) {
        this.tail = tail;
    }

    /** Emits the record stored in the entry at {@code index}. */
    protected abstract void emit(SourceOutput<T> out, long index, byte[] payload);

    /** Called before every read, e.g. to start a receiver thread lazily or surface its failure. */
    protected void beforeRead() {
    }

    @Override
    public final int poll(SourceOutput<T> out, int maxRecords) {
        return emitUpTo(out, maxRecords, Long.MAX_VALUE);
    }

    @Override
    public final String availableOffset(long maxRecords) {
        beforeRead();
        return tail.positionAfter(maxRecords);
    }

    @Override
    public final int pollUntil(SourceOutput<T> out, int maxRecords, String endOffset) {
        return emitUpTo(out, maxRecords, JournalTail.lastIndexOf(endOffset));
    }

    @Override
    public final int compareOffsets(String a, String b) {
        return JournalTail.compare(a, b);
    }

    @Override
    public final String offset() {
        return tail.position();
    }

    private int emitUpTo(SourceOutput<T> out, int maxRecords, long lastIndex) {
        beforeRead();
        int n = 0;
        while (n < maxRecords && tail.nextUpTo(lastIndex)) {
            emit(out, tail.index(), tail.payload());
            n++;
        }
        return n;
    }
}
