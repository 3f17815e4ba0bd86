package io.streamline.bench.peers;

import io.streamline.bench.plot.Latency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The runs of {@code run-peers.sh --repeat N} summarised per engine, configuration and rate: for each percentile the median
 * over the repeats, their range, and the median's ratio to the first engine's (this engine's) median. On a shared
 * host a neighbour can move a tail by 10x between two runs, so a comparison is read from medians of interleaved
 * repeats, not from whichever single run met the noisy minute.
 */
public final class RepeatTable {
    /** The percentiles summarised, by column name. */
    private static final Map<String, ToDoubleFunction<RunSummary>> PERCENTILES = percentiles();

    private RepeatTable() {
    }

    private static Map<String, ToDoubleFunction<RunSummary>> percentiles() {
        Map<String, ToDoubleFunction<RunSummary>> columns = new LinkedHashMap<>();
        columns.put("p50", RunSummary::p50Us);
        columns.put("p99", RunSummary::p99Us);
        columns.put("p99.99", RunSummary::p9999Us);
        columns.put("max", RunSummary::maxUs);
        return columns;
    }

    /**
     * The runs grouped by label and rate, in the order each group first appears, each named by its label, followed by
     * its rate ({@code label at 10,000/s}) when the runs were at more than one rate.
     */
    public static Map<String, List<RunSummary>> byLabel(List<RunSummary> runs) {
        boolean rates = runs.stream().mapToLong(RunSummary::rate).distinct().count() > 1;
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        runs.forEach(run -> groups.computeIfAbsent(rates ? String.format(Locale.ROOT, "%s at %,d/s", run.label(), run.rate())
                : run.label(), label -> new ArrayList<>()).add(run));
        return groups;
    }

    /** Whether some engine and configuration ran more than once. */
    public static boolean hasRepeats(List<RunSummary> runs) {
        return byLabel(runs).values().stream().anyMatch(group -> group.size() > 1);
    }

    /**
     * The Markdown table: one row per label with its number of runs and, per percentile, {@code median (min–max)}
     * and the ratio of its median to the first label's. Runs that delivered nothing are counted but have no latency to
     * summarise; a label none of whose runs delivered says so in place of its figures.
     */
    public static String markdown(List<RunSummary> runs) {
        Map<String, List<RunSummary>> groups = byLabel(runs);
        StringBuilder table = new StringBuilder("| engine / config | runs |");
        StringBuilder separator = new StringBuilder("|---|---:|");
        for (String column : PERCENTILES.keySet()) {
            table.append(' ').append(column).append(" median (range) | ").append(column).append(" ratio |");
            separator.append("---:|---:|");
        }
        table.append('\n').append(separator).append('\n');
        List<RunSummary> reference = RunSummary.delivered(groups.values().iterator().next());
        for (Map.Entry<String, List<RunSummary>> group : groups.entrySet()) {
            List<RunSummary> delivered = RunSummary.delivered(group.getValue());
            int empty = group.getValue().size() - delivered.size();
            table.append("| ").append(group.getKey().replace("|", "\\|")).append(" | ").append(group.getValue().size())
                    .append(empty > 0 ? " (" + empty + " delivered nothing)" : "").append(" |");
            for (ToDoubleFunction<RunSummary> percentile : PERCENTILES.values()) {
                if (delivered.isEmpty()) {
                    table.append(" delivered nothing | – |");
                    continue;
                }
                double[] values = delivered.stream().mapToDouble(percentile).sorted().toArray();
                double median = median(values);
                table.append(' ').append(Latency.format(median)).append(" (").append(Latency.format(values[0])).append("–")
                        .append(Latency.format(values[values.length - 1])).append(") | ")
                        .append(reference.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2fx",
                                median / median(reference.stream().mapToDouble(percentile).sorted().toArray())))
                        .append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /**
     * The run of each label whose p99 is the median of its repeats that delivered (the lower middle one for an even
     * count); a label none of whose runs delivered has none.
     */
    public static List<RunSummary> medianRuns(List<RunSummary> runs) {
        List<RunSummary> medians = new ArrayList<>();
        for (List<RunSummary> group : byLabel(runs).values()) {
            List<RunSummary> sorted = new ArrayList<>(RunSummary.delivered(group));
            if (sorted.isEmpty()) {
                continue;
            }
            sorted.sort((a, b) -> Double.compare(a.p99Us(), b.p99Us()));
            medians.add(sorted.get((sorted.size() - 1) / 2));
        }
        return medians;
    }

    /** The median of ascending {@code sorted}: its middle value, or the mean of the two middle ones. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
