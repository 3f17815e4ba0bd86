package io.streamline.engine.sink;

import java.util.List;

/**
 * Spark's {@code foreachBatch} function: called with each batch's rows and its id, on the query's committer thread: in
 * micro-batch mode for every batch the query runs (an empty list when a batch produced no rows), in continuous mode
 * for every epoch that produced rows.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface ForeachBatchFunction<T> {
    /**
     * Handles one epoch. The epoch commits only after this returns; after a failure or a crash before its commit
     * the epoch is replayed with the same {@code epochId} and exactly the same rows (in both modes: continuous mode
     * logs an epoch's boundaries before calling this), so a function that skips or overwrites output it already
     * wrote for an id writes every row exactly once. Throwing stops the query and leaves the epoch uncommitted.
     *
     * @param rows    the epoch's rows in arrival order; a list the function may keep, but not modify
     * @param epochId the epoch's id
     */
    void call(List<T> rows, long epochId) throws Exception;
}
