package io.streamline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end latency benchmark: drives each requested workload with an open-loop generator at a fixed
 * rate, measures every record's latency from its intended send time, and writes a percentile table to
 * standard output, the results as JSON, a {@code .hgrm} percentile file and a per-second {@code .hlog}
 * interval log per workload. Workloads run one
 * after another in this JVM, so {@code --workload all} compares the engine with the raw ring under the
 * same conditions. Usage: {@link RunnerOptions#USAGE}.
 */
public final class LatencyRunner {
    private LatencyRunner() {
    }

    /** Runs the benchmark; exits with 2 and the usage on a bad command line. */
    public static void main(String[] args) throws Exception {
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
     * @return the results, one per workload
     * @throws IllegalArgumentException on a bad command line, before anything runs
     */
    public static List<RunResult> run(String... args) throws IOException, InterruptedException {
        RunnerOptions options = RunnerOptions.parse(args);
        if (!options.sweepRates().isEmpty()) {
            List<RunResult> steps = RateSweep.run(options, System.out);
            ResultFiles.writeJson(options.json(), steps);
            PercentileTable.print(System.out, steps);
            return steps;
        }
        Measurement measurement = new Measurement(options, System.out);
        List<RunResult> results = new ArrayList<>();
        for (Workload workload : options.workloads()) {
            // The raw ring has no trigger: it runs once, as the floor for every mode.
            for (Mode mode : workload == Workload.RAW_RING ? options.modes().subList(0, 1) : options.modes()) {
                Path hgrm = ResultFiles.hgrmPath(options.json(), mode, workload);
                Measurement.Window window = measurement.run(workload, mode, hgrm);
                ResultFiles.writeHgrm(hgrm, window.histogram());
                ResultFiles.writeHlog(ResultFiles.hlogPath(hgrm), window.perSecond());
                results.add(window.result());
            }
        }
        ResultFiles.writeJson(options.json(), results);
        PercentileTable.print(System.out, results);
        return results;
    }
}
