package io.streamline.engine.operator;

/**
 * The values a watermark can take besides a time. A watermark is an event time in epoch milliseconds: no
 * record at or below it is expected any more. It moves only at epoch (or batch) boundaries, carried by the
 * epoch marker, so every record of an epoch is judged against the watermark of the epochs before it, in
 * continuous and micro-batch mode alike.
 */
public final class Watermarks {
    /** No watermark: the stream has none (no {@code withWatermark}, a source without event-time progress). */
    public static final long NONE = Long.MIN_VALUE;
    /**
     * An idle source partition: it neither holds the watermark back nor advances it. Only sources mark
     * partitions idle ({@link io.streamline.engine.source.SourceOutput#markIdle()}).
     */
    public static final long IDLE = Long.MAX_VALUE;

    private Watermarks() {
    }

    /** Whether {@code watermark} is an event time rather than {@link #NONE} or {@link #IDLE}. */
    public static boolean isTime(long watermark) {
        return watermark != NONE && watermark != IDLE;
    }

    /** For messages and plans: the time, or {@code none} / {@code idle}. */
    public static String describe(long watermark) {
        return watermark == NONE ? "none" : watermark == IDLE ? "idle" : Long.toString(watermark);
    }
}
