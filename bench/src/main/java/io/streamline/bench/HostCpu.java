package io.streamline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used on this machine by everything except this JVM, from Linux's {@code /proc} counters. The
 * benchmark machine has 2 cores and may be shared (builds, other tests): a window in which other processes
 * took a core is not comparable with a quiet one, so every result says how loaded the machine was.
 *
 * @param busyTicks all cores' non-idle time so far, in clock ticks
 * @param ownTicks  this process's user + system time so far, in clock ticks
 */
record HostCpu(long busyTicks, long ownTicks) {
    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every mainstream platform. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final HostCpu UNAVAILABLE = new HostCpu(-1, -1);

    /** The counters now, or unavailable counters where {@code /proc} is missing (not Linux). */
    static HostCpu read() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal ...": busy = all but idle and iowait.
            String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            // The command name in parentheses may contain spaces: count fields after its closing parenthesis.
            String self = Files.readString(SELF_STAT);
            String[] fields = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return new HostCpu(busy, own);
        } catch (IOException | RuntimeException unavailable) {
            return UNAVAILABLE;
        }
    }

    /** Cores' worth of CPU (1.0 = one full core) other processes used between {@code earlier} and now, -1 if unknown. */
    double otherCoresSince(HostCpu earlier, long elapsedNanos) {
        if (busyTicks < 0 || earlier.busyTicks < 0) {
            return -1;
        }
        long otherTicks = (busyTicks - earlier.busyTicks) - (ownTicks - earlier.ownTicks);
        return Math.max(0, otherTicks) / TICKS_PER_SECOND / (elapsedNanos / 1e9);
    }
}
