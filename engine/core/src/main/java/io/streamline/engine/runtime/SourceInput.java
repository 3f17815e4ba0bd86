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
    private long markedEpoch;
    private long rowsInEpoch;

    /**
     * @param sourceKey  identifies this source partition in commit records
     * @param reader     the partition, positioned at the committed offset
     * @param emitter    feeds the task's fused chain
     * @param firstEpoch the epoch the first record belongs to
     */
    public SourceInput(String sourceKey, SourceReader<Object> reader, ChainEmitter emitter, EpochClock clock,
                       EpochListener listener, long firstEpoch) {
        this.sourceKey = sourceKey;
        this.reader = reader;
        this.clock = clock;
        this.listener = listener;
        this.markedEpoch = firstEpoch - 1;
        this.emitter = emitter;
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
        int n = reader.poll(emitter, limit);
        rowsInEpoch += n;
        return work + n;
    }

    @Override
    public String describe() {
        return "source " + sourceKey + " (inline)";
    }
}
