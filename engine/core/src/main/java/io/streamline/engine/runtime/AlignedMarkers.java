package io.streamline.engine.runtime;

/**
 * What a fan-in hands on once every live input has delivered an epoch's marker: the epoch and the watermark each
 * input's marker carried. Called on the fan-in's thread.
 */
public interface AlignedMarkers {
    /**
     * Every live input delivered the marker of {@code epoch}.
     *
     * @param inputWatermarks per input, the watermark its marker carried (for an ended input, its last one);
     *                        owned by the caller and reused: read it during the call only
     */
    void onAlignedMarker(long epoch, long[] inputWatermarks);

    /** Every input ended. */
    void onAllEnded();
}
