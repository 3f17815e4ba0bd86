package io.streamline.engine.runtime;

import io.streamline.engine.epoch.EpochClock;
import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.source.SourceReader;

/**
 * A source partition polled inline at the head of a task, so the source and its fused chain share one
 * thread. Between polls it checks the requested epoch and injects the marker into the chain after the
 * current record, reporting the offset at that point.
 */
public final class SourceInput implements TaskInput {
    private final String sourceKey;
    private final SourceReader<Object> reader;
    private final EpochClock clock;
    private final EpochListener listener;
    private final ChainEmitter emitter;
    private final CatchUpRequests catchUp;
    private final int readerIndex;
    private long markedEpoch;
    private long rowsInEpoch;
    private long seenRequest;
    /** Where this partition must read up to for {@link #seenRequest}, or {@code null} once it has. */
    private String catchUpTarget;

    /**
     * @param sourceKey   identifies this source partition in commit records
     * @param reader      the partition, positioned at the committed offset
     * @param emitter     feeds the task's fused chain
     * @param firstEpoch  the epoch the first record belongs to
     * @param catchUp     the query's {@code processAllAvailable()} requests
     * @param readerIndex this partition's index among {@code catchUp}'s readers
     */
    public SourceInput(String sourceKey, SourceReader<Object> reader, ChainEmitter emitter, EpochClock clock,
                       EpochListener listener, long firstEpoch, CatchUpRequests catchUp, int readerIndex) {
        this.sourceKey = sourceKey;
        this.reader = reader;
        this.clock = clock;
        this.listener = listener;
        this.markedEpoch = firstEpoch - 1;
        this.emitter = emitter;
        this.catchUp = catchUp;
        this.readerIndex = readerIndex;
    }

    @Override
    public int poll(int limit) {
        int work = 0;
        long requested = clock.requestedEpoch();
        while (markedEpoch < requested) {
            markedEpoch++;
            listener.sourceMarked(sourceKey, markedEpoch, reader.offset(), rowsInEpoch);
            rowsInEpoch = 0;
            emitter.emitMarker(markedEpoch);
            work++;
        }
        long request = catchUp.requested();
        if (request != seenRequest) {
            seenRequest = request;
            catchUpTarget = latestOffset();
        }
        int n = reader.poll(emitter, limit);
        rowsInEpoch += n;
        if (catchUpTarget != null && reader.compareOffsets(reader.offset(), catchUpTarget) >= 0) {
            catchUpTarget = null;
            catchUp.caughtUp(readerIndex, seenRequest);
        }
        return work + n;
    }

    /** The offset past what the source has now; a source that cannot tell counts what was read so far. */
    private String latestOffset() {
        try {
            return reader.latestOffset();
        } catch (UnsupportedOperationException continuousOnly) {
            return reader.offset();
        }
    }

    @Override
    public String describe() {
        return "source " + sourceKey + " (inline)";
    }
}
