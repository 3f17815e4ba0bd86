package io.streamline.engine.runtime;

import io.streamline.engine.source.SourceOutput;

/** Feeds a source reader's records into a fused chain, reusing one envelope as their metadata. */
public final class ChainEmitter implements SourceOutput<Object> {
    private final Envelope meta = new Envelope();
    private final Downstream chain;

    /** @param chain where the records go */
    public ChainEmitter(Downstream chain) {
        this.chain = chain;
    }

    @Override
    public void emit(Object value, long offset, long ingestNanos, long eventTime) {
        meta.setRecord(value, ingestNanos, eventTime, offset);
        chain.onRecord(value, meta);
    }
}
