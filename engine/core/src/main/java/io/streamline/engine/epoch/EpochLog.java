package io.streamline.engine.epoch;

import java.util.Map;

/**
 * Where continuous mode writes each epoch's boundaries ahead of its output: once every source partition has
 * marked epoch {@code e}, the committer appends {@code e}'s end offsets here before any sink is asked to make
 * {@code e} durable. After a crash, the epochs found here beyond the last commit are replayed with exactly these
 * boundaries and ids (the micro-batch offset log's role for batches).
 */
@FunctionalInterface
public interface EpochLog {
    /**
     * Appends epoch {@code epoch}'s boundaries; called on the committer thread, in epoch order, once per epoch.
     *
     * @param startMillis the epoch's start time as its operators saw it, given back to them on replay
     * @param endOffsets  source partition key to the offset at the epoch's marker
     */
    void logAhead(long epoch, long startMillis, Map<String, String> endOffsets);
}
