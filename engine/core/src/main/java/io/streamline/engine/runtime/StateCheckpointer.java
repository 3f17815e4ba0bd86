package io.streamline.engine.runtime;

import io.streamline.engine.operator.OperatorState;

/** Writes a stateful operator's state for an epoch to durable storage and reports it to the coordinator. */
public interface StateCheckpointer {
    /** Snapshots {@code state} as of the end of {@code epoch}. Called on the operator's thread. */
    void checkpoint(long epoch, OperatorState state);
}
