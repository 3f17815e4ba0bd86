package io.streamline.journal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.RollCycle;

/** Test helper that waits, within a deadline, for the wall clock to enter the roll cycle after a given one. */
final class CycleClock {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private CycleClock() {
    }

    /** Chronicle numbers cycles as milliseconds since its epoch (0 here) divided by the cycle length. */
    static int currentCycle(RollCycle rollCycle) {
        return (int) (System.currentTimeMillis() / rollCycle.lengthInMillis());
    }

    static void awaitCycleAfter(RollCycle rollCycle, int cycle) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (currentCycle(rollCycle) <= cycle) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clock did not leave cycle " + cycle + " within " + DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
