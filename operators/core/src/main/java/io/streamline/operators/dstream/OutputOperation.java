package io.streamline.operators.dstream;

import java.util.List;

/**
 * An output operation (print, foreachRDD, saveAsTextFiles) on one DStream. Its batches are computed by the graph's
 * engine operator; what {@link #select} keeps of each travels to the query's sink, where {@link #run} is called
 * on the sink's thread before the batch commits, in the order the operations were registered.
 */
interface OutputOperation<T> {
    /** The operation in the description that guards the checkpoint. */
    String describe();

    /** The part of the batch the operation needs (print needs only its first elements). */
    default List<T> select(List<T> batch) {
        return batch;
    }

    /** Performs the operation for the batch at {@code time}. */
    void run(List<T> batch, Time time) throws Exception;
}
