package io.streamline.bench.peers;

import io.streamline.bench.plot.Latency;

import java.util.List;
import java.util.Locale;

/** The combined table as Markdown: one row per engine and configuration, pasted as-is into the README. */
public final class CombinedTable {
    private CombinedTable() {
    }

    /** The header, the separator and one row per run, in run order; a run that delivered nothing says so. */
    public static String markdown(List<RunSummary> runs) {
        StringBuilder table = new StringBuilder()
                .append("| engine / config | rate | achieved rate | p50 | p99 | p99.99 | max | load before |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunSummary run : runs) {
            String latencies = run.deliveredNothing() ? "delivered nothing | – | – | –"
                    : String.join(" | ", Latency.format(run.p50Us()), Latency.format(run.p99Us()),
                    Latency.format(run.p9999Us()), Latency.format(run.maxUs()));
            table.append(String.format(Locale.ROOT, "| %s | %,d/s | %,.0f/s | %s | %.2f |\n",
                    run.label().replace("|", "\\|"), run.rate(), run.achievedRate(), latencies, run.load1()));
        }
        return table.toString();
    }
}
