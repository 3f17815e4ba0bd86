package io.streamline.journal;

import java.util.Objects;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/**
 * How the journal's Chronicle queues are laid out on disk.
 *
 * @param rollCycle             how often a queue starts a new file; retention deletes whole files, so this is the
 *                              granularity at which disk space is given back. A queue keeps the roll cycle it was
 *                              created with: Chronicle ignores (with a warning) a different one for an existing queue
 * @param blockSizeBytes        the size by which queue files grow and are mapped, at least {@link #MIN_BLOCK_SIZE};
 *                              small keeps files small, but one log entry must fit in a quarter of it (Chronicle's
 *                              limit, see {@link EntryLog#maxEntryBytes()}); snapshots are not limited by it
 * @param recoveryTimeoutMillis how long an append waits for the write lock while another live process holds it;
 *                              Chronicle then fails the append. A lock left by a dead process (kill -9) is released
 *                              when the queue opens, without waiting
 */
public record JournalSettings(RollCycle rollCycle, long blockSizeBytes, long recoveryTimeoutMillis) {

    /**
     * Snapshot stores roll a new file every second: retention deletes whole files, so a state queue written at
     * megabytes per second would otherwise hold minutes of superseded snapshots on disk. With one-second files its
     * disk use is the live chain (a full snapshot plus deltas no larger than the state) and about a second of
     * writes more per retention interval.
     */
    public static final RollCycle STATE_ROLL_CYCLE = SecondlyRollCycle.INSTANCE;

    /**
     * Below this, Chronicle rounds the block up and lets a document take half of it, so one large entry plus an
     * index block can outrun a block, which its own assertions (enabled in tests) reject.
     */
    public static final long MIN_BLOCK_SIZE = 256 << 10;

    /** Validates the settings. */
    public JournalSettings {
        Objects.requireNonNull(rollCycle, "rollCycle");
        if (blockSizeBytes < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException(
                    "blockSizeBytes must be at least " + MIN_BLOCK_SIZE + ": " + blockSizeBytes);
        }
        if (recoveryTimeoutMillis <= 0) {
            throw new IllegalArgumentException("recoveryTimeoutMillis must be positive: " + recoveryTimeoutMillis);
        }
    }

    /**
     * Production settings: five-minute files so that retention can free snapshot space soon after newer commits
     * make it unreachable, 4 MiB blocks, and a 500 ms recovery timeout.
     *
     * @return the default settings
     */
    public static JournalSettings defaults() {
        return new JournalSettings(RollCycles.FIVE_MINUTELY, 4L << 20, 500);
    }

    /** The settings for snapshot stores: these, with files rolled every second ({@link #STATE_ROLL_CYCLE}). */
    public JournalSettings forState() {
        return new JournalSettings(STATE_ROLL_CYCLE, blockSizeBytes, recoveryTimeoutMillis);
    }

    /**
     * Test settings: a new file every second, so that tests can prove that retention deletes files.
     *
     * @return settings with a seconds-granularity roll cycle
     */
    public static JournalSettings fastRolling() {
        return new JournalSettings(TestRollCycles.TEST_SECONDLY, 4L << 20, 500);
    }
}
