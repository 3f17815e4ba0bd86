package io.streamline.tuning.console;

import io.streamline.engine.StreamingQuery;
import io.streamline.engine.progress.StreamingQueryProgress;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a long-running command is: what it is doing, how far through it is, and the figures that tell whether
 * it goes well (current rate, current p99). Rendered as one line, e.g.
 * {@code measured  12/20 s  [#########.......]  100,012 rec/s  p99 0.4 µs}.
 *
 * @param task          what runs now, e.g. {@code warm-up} or {@code candidate 3/16 latency ring 1024}
 * @param elapsed       time spent on it so far
 * @param total         the time it takes in all
 * @param ratePerSecond the current rate in records per second, or {@code NaN} if unknown
 * @param p99Us         the current p99 latency in µs, or {@code NaN} if unknown
 */
public record Status(String task, Duration elapsed, Duration total, double ratePerSecond, double p99Us) {
    private static final int BAR = 20;

    /** A status without figures. */
    public static Status of(String task, Duration elapsed, Duration total) {
        return new Status(task, elapsed, total, Double.NaN, Double.NaN);
    }

    /** A status with the rate and p99 of {@code query}'s last progress report (none before its first). */
    public static Status of(String task, Duration elapsed, Duration total, StreamingQuery query) {
        StreamingQueryProgress last = query.lastProgress();
        return last == null ? of(task, elapsed, total)
                : new Status(task, elapsed, total, last.inputRowsPerSecond(), last.latency().p99Us());
    }

    /** The line, with a bar when {@code bar}; never longer than {@code width} characters. */
    public String render(boolean bar, int width) {
        long done = Math.min(elapsed.toSeconds(), total.toSeconds());
        StringBuilder line = new StringBuilder(task).append("  ").append(done).append('/').append(total.toSeconds()).append(" s");
        if (bar) {
            int filled = total.isZero() ? BAR : (int) (BAR * Math.min(1.0, (double) elapsed.toMillis() / total.toMillis()));
            line.append("  [").append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
        }
        if (!Double.isNaN(ratePerSecond)) {
            line.append(String.format(Locale.ROOT, "  %,.0f rec/s", ratePerSecond));
        }
        if (!Double.isNaN(p99Us)) {
            line.append(String.format(Locale.ROOT, "  p99 %,.1f µs", p99Us));
        }
        return line.length() > width ? line.substring(0, Math.max(0, width)) : line.toString();
    }
}
