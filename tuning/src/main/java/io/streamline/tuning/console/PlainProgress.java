package io.streamline.tuning.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress where standard output is not a terminal (CI logs, files): the status as an ordinary line, the first
 * at once and then at most once per interval, so that a log shows the command is alive without filling up.
 */
final class PlainProgress extends CommandProgress {
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastPrinted;
    private boolean printed;

    /** @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a test's own clock) */
    PlainProgress(PrintStream out, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void status(Status status) {
        long now = nanoClock.getAsLong();
        if (!printed || now - lastPrinted >= intervalNanos) {
            out.println(status.render(false, Integer.MAX_VALUE));
            lastPrinted = now;
            printed = true;
        }
    }

    @Override
    public synchronized void line(String text) {
        out.println(text);
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
