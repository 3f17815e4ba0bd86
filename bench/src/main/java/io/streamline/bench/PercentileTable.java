package io.streamline.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * The human-readable summary of a run: one line per mode and workload, latencies in µs, followed by a legend of
 * the columns that need one ({@link #LEGEND}); then, for append-mode window workloads, their latency again as what
 * it is, the window close to emit delay, against its target; and the state of the runs with stateful operators.
 */
final class PercentileTable {
    private static final String HEADER_FORMAT = "%-11s %-21s %9s %11s %11s %10s %8s %8s %8s %8s %9s %9s"
            + " %7s %9s %4s %7s %6s %7s %9s %9s%n";
    private static final String ROW_FORMAT = "%-11s %-21s %,9d %,11.0f %,11.0f %,10d %8.1f %8.1f %8.1f %8.1f %9.1f %9.1f"
            + " %7d %9d %4d %7.1f %6.2f %7d %9s %9s%n";
    static final String LEGEND = """
            achieved/s rows delivered to the sink per second of the window
            input/s    rows the sources read per second of the window (committed epochs): the throughput when the
                       rate offered is more than the pipeline takes, e.g. --rate 20000000 for an unpaced run
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
        out.printf(HEADER_FORMAT, "mode", "workload", "rate", "achieved/s", "input/s", "records", "p50 µs", "p90 µs", "p99 µs",
                "p99.9 µs", "p99.99 µs", "max µs", "epochs", "committed", "gcs", "B/rec", "other", "quiet s",
                "q p99 µs", "q p99.9");
        for (RunResult r : results) {
            boolean quiet = r.quiet().seconds() > 0;
            out.printf(ROW_FORMAT, r.mode(), r.workload(), r.rate(),
                    r.achievedRate(), r.inputRate(), r.records(), r.p50Us(), r.p90Us(), r.p99Us(), r.p999Us(), r.p9999Us(), r.maxUs(),
                    r.epochs(), r.committedEpochs(), r.gcCount(), r.allocBytesPerRecord(), r.otherCores(),
                    r.quiet().seconds(), quiet ? "%.1f".formatted(r.quiet().p99Us()) : "n/a",
                    quiet ? "%.1f".formatted(r.quiet().p999Us()) : "n/a");
        }
        out.print(LEGEND);
        printCloseToEmit(out, results);
        printState(out, results);
    }

    /** The append-mode window runs: the delay from the boundary closing a window to its row at the sink. */
    private static void printCloseToEmit(PrintStream out, List<RunResult> results) {
        List<RunResult> closing = results.stream().filter(r -> r.measures().equals(RunResult.CLOSE_TO_EMIT)).toList();
        if (closing.isEmpty()) {
            return;
        }
        out.println();
        out.println("window close to emit (append mode): from the boundary whose watermark passed a window's end to the"
                + " window's row at the sink; target: one epoch interval + 1 ms");
        out.printf("%-11s %-22s %10s %8s %8s %8s %9s %9s %11s%n", "mode", "workload", "rows", "p50 µs", "p99 µs",
                "p99.9 µs", "max µs", "target µs", "p99 within");
        for (RunResult r : closing) {
            double target = r.epochMs() * 1000.0 + 1000;
            out.printf("%-11s %-22s %,10d %8.1f %8.1f %8.1f %9.1f %9.0f %11s%n", r.mode(), r.workload(), r.records(),
                    r.p50Us(), r.p99Us(), r.p999Us(), r.maxUs(), target, r.records() == 0 ? "n/a" : r.p99Us() <= target ? "yes" : "no");
        }
    }

    /** The runs with state: rows (keys, or key and window), bytes and bytes per row, from the progress reports. */
    private static void printState(PrintStream out, List<RunResult> results) {
        List<RunResult> stateful = results.stream().filter(r -> r.state().maxRows() > 0).toList();
        if (stateful.isEmpty()) {
            return;
        }
        out.println();
        out.println("state (the stateful operators' numRowsTotal and memoryUsedBytes at the window's last epoch; max rows"
                + " over its epochs)");
        out.printf("%-11s %-22s %12s %12s %14s %9s%n", "mode", "workload", "rows", "max rows", "bytes", "B/row");
        for (RunResult r : stateful) {
            StateFigures s = r.state();
            out.printf("%-11s %-22s %,12d %,12d %,14d %9.1f%n", r.mode(), r.workload(), s.rows(), s.maxRows(), s.bytes(),
                    s.bytesPerRow());
        }
    }
}
