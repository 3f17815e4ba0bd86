package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/** Sends everything to several branches in order, when one stream feeds more than one operator. */
public final class Fanout implements Downstream {
    private final Downstream[] branches;

    /** @param branches the consumers, each called in turn */
    public Fanout(Downstream... branches) {
        this.branches = branches.clone();
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        for (Downstream d : branches) {
            d.onRecord(value, meta);
        }
    }

    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        for (Downstream d : branches) {
            d.onKeyedLong(key, value, meta);
        }
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        for (Downstream d : branches) {
            d.onEpochMarker(epoch, watermark);
        }
    }

    @Override
    public void onEnd() {
        for (Downstream d : branches) {
            d.onEnd();
        }
    }
}
