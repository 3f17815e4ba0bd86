package io.streamline.engine.operator;

/** Which clock a timer follows. */
public enum TimeDomain {
    /** The watermark: fires once the watermark reaches the timer's time. */
    EVENT_TIME,
    /** Wall-clock time of epochs and batches: fires at the first epoch or batch boundary at or after its time. */
    PROCESSING_TIME
}
