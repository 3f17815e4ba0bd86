package io.streamline.engine.sink;

/**
 * One sink partition's output for one epoch after {@link SinkWriter#prepare}: what remains to make it durable
 * and then visible. The engine's committer thread, never a task thread, calls {@link #persist()} once every part
 * of the query has acknowledged the epoch, stores the handle it returns in the epoch's commit record, appends
 * that record, and then calls {@link #commit()}. After a crash between the commit record and {@code commit()},
 * the sink is given the handle again ({@link StreamSink#recover}), so a two-phase sink finishes the commit on
 * restart; anything it prepared that no commit record names must be discarded then.
 *
 * <p>A one-phase sink does everything in {@code prepare} and returns {@link #DONE}.
 */
public interface EpochOutput {
    /** Nothing left to do: the output was made durable (or visible) by {@code prepare}. */
    EpochOutput DONE = new EpochOutput() {
    };

    /**
     * Makes the epoch's output durable (e.g. fsyncs its file) without making it visible, blocking if it must.
     *
     * @return a small handle naming the prepared output, stored in the commit record and given back to
     *         {@link StreamSink#recover} after a crash; {@code null} if nothing needs committing later
     */
    default String persist() throws Exception {
        return null;
    }

    /** The commit record naming this output is durable: make the output visible (idempotent). */
    default void commit() throws Exception {
    }
}
