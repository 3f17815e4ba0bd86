package io.streamline.bench.peers;

import io.streamline.bench.plot.PercentilePlot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one table and plot of a peers run: reads the runs listed in a manifest, prints the table and writes
 * {@code combined.md}, {@code combined.json} and {@code combined.svg} into the output directory. When an engine and
 * configuration ran several times ({@code --repeat}), the table is followed by the {@link RepeatTable} and the
 * plot shows each one's median run.
 * Usage: {@value #USAGE}.
 */
public final class CombinedReport {
    static final String USAGE = "usage: CombinedReport --manifest FILE --out DIR [--title TEXT] [--focus-rate N]\n"
            + "  FILE: one run a line, 'label<TAB>1-minute load before the run<TAB>result JSON file'\n"
            + "  --focus-rate  the plot shows only the runs at this rate, and the table is followed by issue 15's"
            + " Kafka targets checked at it (KafkaTargets)";

    private CombinedReport() {
    }

    /** Writes the report; exits with 2 and the usage on a bad command line. */
    public static void main(String[] args) throws IOException {
        if (args.length % 2 != 0 || !List.of(args).contains("--manifest") || !List.of(args).contains("--out")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path manifest = null;
        Path out = null;
        String title = "Latency by percentile";
        OptionalLong focusRate = OptionalLong.empty();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--manifest" -> manifest = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--title" -> title = args[i + 1];
                case "--focus-rate" -> focusRate = OptionalLong.of(Long.parseLong(args[i + 1]));
                default -> {
                    System.err.println("error: unknown option '" + args[i] + "'\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        System.out.print(write(readManifest(manifest), out, title, focusRate));
    }

    /** Writes the three files for {@code runs} into {@code out}, every run plotted; see the other {@code write}. */
    public static String write(List<RunSummary> runs, Path out, String title) throws IOException {
        return write(runs, out, title, OptionalLong.empty());
    }

    /**
     * Writes the three files for {@code runs} into {@code out}.
     *
     * @param focusRate if present, the plot shows the runs at this rate only (a Kafka invocation runs every engine at
     *                  several rates, too many curves for one plot) and the table is followed by
     *                  {@link KafkaTargets} at it
     * @return the Markdown table (and targets)
     */
    public static String write(List<RunSummary> runs, Path out, String title, OptionalLong focusRate) throws IOException {
        Files.createDirectories(out);
        String table = CombinedTable.markdown(runs);
        boolean repeats = RepeatTable.hasRepeats(runs);
        if (repeats) { // every run first, then the medians over the repeats, which the comparison is read from
            table += "\n" + RepeatTable.markdown(runs);
        }
        if (focusRate.isPresent()) {
            table += "\n" + KafkaTargets.markdown(runs, focusRate.getAsLong());
        }
        Files.writeString(out.resolve("combined.md"), table, StandardCharsets.UTF_8);
        ResultFiles.writeJson(out.resolve("combined.json"), runs);
        List<RunSummary> plotted = RunSummary.delivered(focusRate.isEmpty() ? runs
                : runs.stream().filter(run -> run.rate() == focusRate.getAsLong()).toList());
        List<PercentilePlot.Curve> curves = (repeats ? RepeatTable.medianRuns(plotted) : plotted).stream()
                .map(run -> new PercentilePlot.Curve(repeats ? run.label() + " (median run)" : run.label(), run.distribution()))
                .toList();
        Files.writeString(out.resolve("combined.svg"), PercentilePlot.svg(title, curves), StandardCharsets.UTF_8);
        return table;
    }

    /** The runs of a manifest, in its order; JSON paths are relative to the manifest's directory. */
    public static List<RunSummary> readManifest(Path manifest) throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IOException(manifest + ": expected 'label<TAB>load<TAB>json', got '" + line + "'");
            }
            Path json = manifest.toAbsolutePath().resolveSibling(fields[2]);
            runs.add(RunSummary.read(fields[0], Double.parseDouble(fields[1]), json));
        }
        return runs;
    }
}
