package io.streamline.engine;

/**
 * What a query is doing right now, like Spark's {@code StreamingQueryStatus}.
 *
 * @param message          e.g. "Running continuous epochs", "Stopped", "Failed: ..."
 * @param isDataAvailable  whether the last epoch had input
 * @param isTriggerActive  whether an epoch is in flight
 */
public record QueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {
}
