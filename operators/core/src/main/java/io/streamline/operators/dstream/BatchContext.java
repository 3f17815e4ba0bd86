package io.streamline.operators.dstream;

import java.util.List;

/** What a {@link Node} computing its batch at one time can read: its parents' batches, now and remembered. */
interface BatchContext {
    /** The context's zero time: one batch interval before the first batch. */
    long zeroTime();

    /**
     * {@code node}'s batch at {@code time}: the one computed in this batch, or a remembered one; empty at or
     * before the zero time.
     */
    <T> List<T> batchOf(Node<T> node, long time);

    /** The records input {@code index} received in the current batch. */
    List<Object> input(int index);
}
