package io.streamline.bench;

import io.streamline.tuning.console.CommandProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The end-to-end latency benchmark: drives each requested workload with an open-loop generator at a fixed
 * rate, measures every record's latency from its intended send time, and writes a percentile table to
 * standard output, the results as JSON, a {@code .hgrm} percentile file and a per-second {@code .hlog}
 * interval log per run, and one SVG plot of latency by percentile with every run of the invocation in it
 * (modes, workloads or the steps of a sweep); the files' paths follow the table. Workloads run one
 * after another in this JVM, so {@code --workload all} compares the engine with the raw ring under the
 * same conditions. Usage: {@link RunnerOptions#USAGE}.
 */
public final class LatencyRunner {
    private LatencyRunner() {
    }

    /** Runs the benchmark; exits with 2 and the usage on a bad command line. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(RunnerOptions.USAGE);
            return;
        }
        try {
            run(args);
        } catch (IllegalArgumentException badOption) {
            System.err.println("error: " + badOption.getMessage());
            System.err.println(RunnerOptions.USAGE);
            System.exit(2);
        }
        // Journal libraries may leave non-daemon helper threads behind; the run is over.
        System.exit(0);
    }

    /**
     * Runs the benchmark described by {@code args} and writes its files.
     *
     * @return the results, one per run
     * @throws IllegalArgumentException on a bad command line, before anything runs
     */
    public static List<RunResult> run(String... args) throws IOException, InterruptedException {
        RunnerOptions options = RunnerOptions.parse(args);
        List<MeasuredRun> runs;
        // A live status line while runs are under way on a terminal; plain lines now and then in a log.
        try (CommandProgress progress = CommandProgress.onStandardOutput()) {
            runs = options.sweepRates().isEmpty() ? runEach(options, progress) : RateSweep.run(options, progress);
        }
        List<RunResult> results = runs.stream().map(MeasuredRun::result).toList();
        ResultFiles.writeJson(options.json(), results);
        Path plot = ResultFiles.svgPath(options.json());
        ResultFiles.writePlot(plot, plotTitle(options, results), loadNote(results), runs);
        PercentileTable.print(System.out, results);
        printFiles(System.out, options.json(), results, plot);
        return results;
    }

    /** Every requested workload in every requested mode, in order. */
    private static List<MeasuredRun> runEach(RunnerOptions options, CommandProgress progress)
            throws IOException, InterruptedException {
        Measurement measurement = new Measurement(options, progress);
        List<MeasuredRun> runs = new ArrayList<>();
        for (Workload workload : options.workloads()) {
            // The raw ring has no trigger: it runs once, as the floor for every mode.
            for (Mode mode : workload == Workload.RAW_RING ? options.modes().subList(0, 1) : options.modes()) {
                runs.add(MeasuredRun.measure(measurement, workload, mode, ResultFiles.hgrmPath(options.json(), mode, workload)));
            }
        }
        return runs;
    }

    /** {@code keyed-count at 100,000 rec/s: latency by percentile, 20 s measured after 10 s warm-up, backoff idle}. */
    static String plotTitle(RunnerOptions options, List<RunResult> results) {
        String workloads = results.stream().map(RunResult::workload).distinct().collect(Collectors.joining(", "));
        String rates = results.stream().map(r -> String.format(Locale.ROOT, "%,d", r.rate())).distinct()
                .collect(Collectors.joining(", "));
        return workloads + " at " + rates + " rec/s: latency by percentile, " + options.seconds() + " s measured after "
                + options.warmupSeconds() + " s warm-up, " + options.idleLabel() + " idle";
    }

    /** Whether other processes took CPU during the runs, which the plot's tails then include. */
    static String loadNote(List<RunResult> results) {
        double most = results.stream().mapToDouble(RunResult::otherCores).max().orElse(-1);
        if (most < 0) {
            return "other processes' CPU use unknown (no /proc)";
        }
        return most < QuietFigures.QUIET_CORES ? "the machine was quiet: other processes used under "
                + QuietFigures.QUIET_CORES + " cores"
                : String.format(Locale.ROOT, "other processes used up to %.2f of the 2 cores during a run: its tail"
                        + " includes their preemptions, see the quiet columns of the table", most);
    }

    /** One line per file written, after the table. */
    private static void printFiles(PrintStream out, Path json, List<RunResult> results, Path plot) {
        out.println("results: " + json);
        for (RunResult result : results) {
            Path hgrm = json.resolveSibling(result.hgrmFile());
            out.println("percentiles: " + hgrm + ", per second: " + ResultFiles.hlogPath(hgrm));
        }
        out.println("plot: " + plot);
    }
}
