package io.streamline.engine.operator;

/**
 * Timers of one operator instance, Flink's {@code TimerService} in the engine's terms: event-time timers fire
 * when the watermark reaches them, processing-time timers at the first epoch or batch boundary at or after
 * their time (micro-batch: the batch's logged time, so a re-run batch fires the same timers). A timer is
 * identified by key, time and domain: registering it twice keeps one. Timers are checkpointed with the
 * operator's state and restored after a crash. Fired timers are delivered to
 * {@link Operator#onTimer} / {@link TwoInputOperator#onTimer} in time order, before the operator's
 * {@code onWatermark} and {@code onEpochEnd} of that boundary. Only the operator's thread may call it.
 */
public interface TimerService {
    /** Fires {@link Operator#onTimer} once the watermark is at or past {@code timestamp}. */
    void registerEventTimeTimer(Object key, long timestamp);

    /** Fires at the first epoch or batch boundary whose time is at or past {@code timestamp}. */
    void registerProcessingTimeTimer(Object key, long timestamp);

    /** Removes an event-time timer; nothing happens if there is none. */
    void deleteEventTimeTimer(Object key, long timestamp);

    /** Removes a processing-time timer; nothing happens if there is none. */
    void deleteProcessingTimeTimer(Object key, long timestamp);

    /** The current watermark of the operator's input, {@link Watermarks#NONE} before the first. */
    long currentWatermark();

    /** The time of the epoch or batch being processed (epoch milliseconds). */
    long currentProcessingTime();
}
