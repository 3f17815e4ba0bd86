package io.streamline.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.RollCycleArithmetic;

/**
 * A Chronicle roll cycle of one second for production queues that are written fast and read only at their end,
 * the snapshot stores: a file per second lets retention give disk space back within a second of a newer full
 * snapshot. Its index holds 8192 x 8192 entries with one indexed in 16, over a billion per second.
 */
final class SecondlyRollCycle implements RollCycle {
    static final SecondlyRollCycle INSTANCE = new SecondlyRollCycle();

    private final RollCycleArithmetic arithmetic = RollCycleArithmetic.of(8192, 16);

    private SecondlyRollCycle() {
    }

    @Override
    public String format() {
        return "yyyyMMdd-HHmmss'S'";
    }

    @Override
    public int lengthInMillis() {
        return 1000;
    }

    @Override
    public int defaultIndexCount() {
        return arithmetic.indexCount();
    }

    @Override
    public int defaultIndexSpacing() {
        return arithmetic.indexSpacing();
    }

    @Override
    public long toIndex(int cycle, long sequenceNumber) {
        return arithmetic.toIndex(cycle, sequenceNumber);
    }

    @Override
    public long toSequenceNumber(long index) {
        return arithmetic.toSequenceNumber(index);
    }

    @Override
    public int toCycle(long index) {
        return arithmetic.toCycle(index);
    }

    @Override
    public long maxMessagesPerCycle() {
        return arithmetic.maxMessagesPerCycle();
    }

    @Override
    public String toString() {
        return "SECONDLY";
    }
}
