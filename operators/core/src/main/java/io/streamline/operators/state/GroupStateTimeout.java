package io.streamline.operators.state;

/** When a key of {@code [flat]MapGroupsWithState} times out, Spark's {@code GroupStateTimeout}. */
public enum GroupStateTimeout {
    /** Never. */
    NO_TIMEOUT,
    /** After a duration of processing time without data ({@link GroupState#setTimeoutDuration}). */
    PROCESSING_TIME_TIMEOUT,
    /** Once the watermark passes a timestamp ({@link GroupState#setTimeoutTimestamp}); needs a watermark. */
    EVENT_TIME_TIMEOUT
}
