package io.streamline.engine.runtime;

import io.streamline.engine.epoch.EpochClock;
import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.source.SourceReader;

import java.util.function.BooleanSupplier;

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
    private final EpochReplay replay;
    private final BooleanSupplier held;
    /** The next epoch of {@link #replay} to close; past its end the partition follows the epoch clock. */
    private int replayed;
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
     * @param replay      the logged epochs to close at their logged offsets before following the epoch clock
     * @param held        true while the partition must not read on: its chain ends in a fan-in on this thread
     *                    ({@link LocalInput}) that holds it after a marker until the fan-in's other inputs deliver
     *                    theirs; always false for a chain that does not
     */
    public SourceInput(String sourceKey, SourceReader<Object> reader, ChainEmitter emitter, EpochClock clock,
                       EpochListener listener, long firstEpoch, CatchUpRequests catchUp, int readerIndex,
                       EpochReplay replay, BooleanSupplier held) {
        this.sourceKey = sourceKey;
        this.reader = reader;
        this.clock = clock;
        this.listener = listener;
        this.markedEpoch = firstEpoch - 1;
        this.emitter = emitter;
        this.catchUp = catchUp;
        this.readerIndex = readerIndex;
        this.replay = replay;
        this.held = held;
        if (replay.size() > 0 && replay.epochs().get(0) != firstEpoch) {
            throw new IllegalArgumentException("source " + sourceKey + " would replay epoch " + replay.epochs().get(0)
                    + " but its first epoch is " + firstEpoch);
        }
    }

    @Override
    public int poll(int limit) {
        if (held.getAsBoolean()) {
            return 0;
        }
        if (replayed < replay.size()) {
            return pollReplay(limit);
        }
        int work = 0;
        long requested = clock.requestedEpoch();
        while (markedEpoch < requested) {
            markedEpoch++;
            listener.sourceMarked(sourceKey, markedEpoch, reader.offset(), rowsInEpoch);
            rowsInEpoch = 0;
            emitter.emitMarker(markedEpoch);
            work++;
            if (held.getAsBoolean()) {
                return work; // the next marker, and the next epoch's records, wait until this one is aligned
            }
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

    /**
     * Recovery: reads the epoch being replayed up to its logged end offset and marks it there, whatever the epoch
     * clock says; the clock's epochs are marked once every logged one is.
     */
    private int pollReplay(int limit) {
        String end = replay.endOffsets().get(replayed);
        if (reader.compareOffsets(reader.offset(), end) >= 0) {
            markedEpoch = replay.epochs().get(replayed++);
            listener.sourceMarked(sourceKey, markedEpoch, reader.offset(), rowsInEpoch);
            rowsInEpoch = 0;
            emitter.emitMarker(markedEpoch);
            return 1;
        }
        int n = reader.pollUntil(emitter, limit, end);
        rowsInEpoch += n;
        return n;
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
