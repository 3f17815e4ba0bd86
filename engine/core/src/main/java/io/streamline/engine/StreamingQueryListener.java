package io.streamline.engine;

import io.streamline.engine.progress.StreamingQueryProgress;

import java.util.UUID;

/**
 * Hears about every query of an engine, as Spark's {@code StreamingQueryListener}. Events arrive in order
 * on one listener thread, never on a thread of the record path, so a slow listener cannot add latency.
 */
public interface StreamingQueryListener {
    /** A query started. */
    default void onQueryStarted(QueryStartedEvent event) {
    }

    /** A query committed an epoch or batch. */
    default void onQueryProgress(QueryProgressEvent event) {
    }

    /** A query stopped or failed. */
    default void onQueryTerminated(QueryTerminatedEvent event) {
    }

    /** A query started. */
    record QueryStartedEvent(UUID id, UUID runId, String name) {
    }

    /** A query committed an epoch or batch. */
    record QueryProgressEvent(StreamingQueryProgress progress) {
    }

    /**
     * A query stopped; {@code exception} is what made it fail, or {@code null}.
     */
    record QueryTerminatedEvent(UUID id, UUID runId, String exception) {
    }
}
