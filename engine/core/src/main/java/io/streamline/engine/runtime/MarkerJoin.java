package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;

/**
 * The fan-in of a pipeline that runs on one thread (micro-batch): inputs call it one after another, so
 * there is nothing to hold back; it passes records straight on and forwards an epoch marker, watermark or
 * end only once every input has delivered it.
 */
public final class MarkerJoin implements Downstream {
    private final Downstream next;
    private int inputs;
    private int markers;
    private int ends;

    /** @param next where the merged stream goes */
    public MarkerJoin(Downstream next) {
        this.next = next;
    }

    /** Registers one more input; call while building, before anything flows. */
    public MarkerJoin addInput() {
        inputs++;
        return this;
    }

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        next.onRecord(value, meta);
    }

    @Override
    public void onEpochMarker(long epoch) {
        if (++markers == inputs - ends) {
            markers = 0;
            next.onEpochMarker(epoch);
        }
    }

    @Override
    public void onWatermark(long watermark) {
        // Inputs run one after another within a batch, so each input's watermark is complete when it arrives;
        // the operators module decides how batch watermarks combine.
        next.onWatermark(watermark);
    }

    @Override
    public void onEnd() {
        if (++ends == inputs) {
            next.onEnd();
        }
    }
}
