package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;

/**
 * The head of a single-input fan-in's chain (a union, a single-instance operator fed by several partitions, a
 * sink fed by several tasks): passes an aligned marker on once, with the inputs' watermarks combined by the
 * fan-in's {@link WatermarkMerge}, never lower than a watermark it passed before.
 */
public final class MergingHead implements AlignedMarkers {
    private final Downstream chain;
    private final WatermarkMerge merge;
    private long last = Watermarks.NONE;

    /**
     * @param chain where the merged stream goes
     * @param merge how the inputs' watermarks combine
     */
    public MergingHead(Downstream chain, WatermarkMerge merge) {
        this.chain = chain;
        this.merge = merge;
    }

    @Override
    public void onAlignedMarker(long epoch, long[] inputWatermarks) {
        long merged = merge.merge(inputWatermarks);
        if (Watermarks.isTime(merged)) {
            last = Watermarks.isTime(last) ? Math.max(last, merged) : merged;
            merged = last;
        }
        chain.onEpochMarker(epoch, merged);
    }

    @Override
    public void onAllEnded() {
        chain.onEnd();
    }
}
