package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;
import io.streamline.engine.source.SourceOutput;

/**
 * Feeds a source partition's records into its fused chain, reusing one envelope as their metadata, and keeps the
 * partition's own watermark (if its source emits any) until the next epoch marker carries it downstream: a
 * source may report progress at any time, but the chain sees it only at a boundary.
 */
public final class ChainEmitter implements SourceOutput<Object> {
    private final Envelope meta = new Envelope();
    private final Downstream chain;
    private long watermark = Watermarks.NONE;
    private boolean idle;

    /** @param chain where the records go */
    public ChainEmitter(Downstream chain) {
        this.chain = chain;
    }

    @Override
    public void emit(Object value, long offset, long ingestNanos, long eventTime) {
        idle = false;
        meta.setRecord(value, ingestNanos, eventTime, offset);
        chain.onRecord(value, meta);
    }

    @Override
    public void emitWatermark(long watermark) {
        if (!Watermarks.isTime(this.watermark) || watermark > this.watermark) {
            this.watermark = watermark;
        }
        idle = false;
    }

    @Override
    public void markIdle() {
        idle = true;
    }

    /** Closes {@code epoch} on the chain, with the partition's watermark. */
    public void emitMarker(long epoch) {
        chain.onEpochMarker(epoch, idle ? Watermarks.IDLE : watermark);
    }
}
