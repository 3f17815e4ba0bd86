package io.streamline.bench;

import java.io.PrintStream;
import java.util.List;

/** The human-readable summary of a run: one line per workload, latencies in µs. */
final class PercentileTable {
    private static final String HEADER_FORMAT = "%-12s %9s %11s %10s %8s %8s %8s %8s %9s %9s %7s %9s %4s %7s%n";
    private static final String ROW_FORMAT = "%-12s %,9d %,11.0f %,10d %8.1f %8.1f %8.1f %8.1f %9.1f %9.1f %7d %9d %4d %7.1f%n";

    private PercentileTable() {
    }

    /** Prints the header and one row per result. */
    static void print(PrintStream out, List<RunResult> results) {
        out.printf(HEADER_FORMAT, "workload", "rate", "achieved/s", "records", "p50 µs", "p90 µs", "p99 µs",
                "p99.9 µs", "p99.99 µs", "max µs", "epochs", "committed", "gcs", "B/rec");
        for (RunResult r : results) {
            out.printf(ROW_FORMAT, r.workload(), r.rate(), r.achievedRate(), r.records(), r.p50Us(), r.p90Us(),
                    r.p99Us(), r.p999Us(), r.p9999Us(), r.maxUs(), r.epochs(), r.committedEpochs(), r.gcCount(),
                    r.allocBytesPerRecord());
        }
    }
}
