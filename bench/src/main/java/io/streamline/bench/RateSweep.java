package io.streamline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --sweep}: runs one workload at each rate in ascending order and finds the highest rate whose p99
 * stays at or under the bound, stopping at the first that exceeds it (a higher rate would only be worse).
 */
final class RateSweep {
    private RateSweep() {
    }

    /** Runs the sweep, writing each step's {@code .hgrm}/{@code .hlog} and returning every step's result. */
    static List<RunResult> run(RunnerOptions options, PrintStream out) throws IOException, InterruptedException {
        Workload workload = options.workloads().get(0);
        Mode mode = options.modes().get(0);
        List<RunResult> results = new ArrayList<>();
        long highest = -1;
        for (long rate : options.sweepRates()) {
            RunnerOptions step = options.withRate(rate);
            Path hgrm = ResultFiles.hgrmPath(stepJson(options.json(), rate), mode, workload);
            Measurement.Window window = new Measurement(step, out).run(workload, mode, hgrm);
            ResultFiles.writeHgrm(hgrm, window.histogram());
            ResultFiles.writeHlog(ResultFiles.hlogPath(hgrm), window.perSecond());
            results.add(window.result());
            if (window.result().p99Us() > options.p99BoundUs()) {
                break;
            }
            highest = rate;
        }
        out.println(highest < 0
                ? "No rate kept p99 at or under " + options.p99BoundUs() + " µs"
                : "Highest rate with p99 <= " + options.p99BoundUs() + " µs: " + highest + " rec/s");
        return results;
    }

    /** {@code results/sweep.json} at 200000 rec/s names its files {@code results/sweep-200000.*}. */
    private static Path stepJson(Path json, long rate) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return json.resolveSibling(stem + "-" + rate + ".json");
    }
}
