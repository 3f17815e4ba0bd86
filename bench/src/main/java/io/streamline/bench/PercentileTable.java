package io.streamline.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * The human-readable summary of a run: one line per mode and workload, latencies in µs, followed by a legend of
 * the columns that need one ({@link #LEGEND}).
 */
final class PercentileTable {
    private static final String HEADER_FORMAT = "%-11s %-12s %9s %11s %10s %8s %8s %8s %8s %9s %9s"
            + " %7s %9s %4s %7s %6s %7s %9s %9s%n";
    private static final String ROW_FORMAT = "%-11s %-12s %,9d %,11.0f %,10d %8.1f %8.1f %8.1f %8.1f %9.1f %9.1f"
            + " %7d %9d %4d %7.1f %6.2f %7d %9s %9s%n";
    static final String LEGEND = """
            epochs     markers the epoch clock requested in the window (it fires at a fixed rate: window / interval)
            committed  epochs whose commit fell in the window: it can be one more than epochs, the epoch requested just
                       before the window having committed inside it
            B/rec      bytes allocated per record delivered, by every thread but the runner's
            other      CPU (in cores) that other processes on the machine used during the window; above ~0.1 the run
                       shared the 2 cores and its tail is not the engine's alone
            quiet s    seconds of the window in which other processes used less than %.2f cores
            q p99 µs, q p99.9  p99 and p99.9 over those quiet seconds only (n/a: no second was quiet)
            """.formatted(QuietFigures.QUIET_CORES);

    private PercentileTable() {
    }

    /** Prints the header, one row per result and the legend. */
    static void print(PrintStream out, List<RunResult> results) {
        out.printf(HEADER_FORMAT, "mode", "workload", "rate", "achieved/s", "records", "p50 µs", "p90 µs", "p99 µs",
                "p99.9 µs", "p99.99 µs", "max µs", "epochs", "committed", "gcs", "B/rec", "other", "quiet s",
                "q p99 µs", "q p99.9");
        for (RunResult r : results) {
            boolean quiet = r.quiet().seconds() > 0;
            out.printf(ROW_FORMAT, r.mode(), r.workload(), r.rate(),
                    r.achievedRate(), r.records(), r.p50Us(), r.p90Us(), r.p99Us(), r.p999Us(), r.p9999Us(), r.maxUs(),
                    r.epochs(), r.committedEpochs(), r.gcCount(), r.allocBytesPerRecord(), r.otherCores(),
                    r.quiet().seconds(), quiet ? "%.1f".formatted(r.quiet().p99Us()) : "n/a",
                    quiet ? "%.1f".formatted(r.quiet().p999Us()) : "n/a");
        }
        out.print(LEGEND);
    }
}
