package io.streamline.engine.operator;

/**
 * A timer that fired.
 *
 * @param key       the key it was registered for (any checkpointable value; {@code ""} for an operator-wide timer)
 * @param timestamp its time in epoch milliseconds
 * @param domain    its clock
 */
public record Timer(Object key, long timestamp, TimeDomain domain) {
}
