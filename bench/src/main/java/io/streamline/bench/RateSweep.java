package io.streamline.bench;

import io.streamline.tuning.console.CommandProgress;

import java.io.IOException;
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

    /** Runs the sweep, writing each step's {@code .hgrm}/{@code .hlog} and returning every step. */
    static List<MeasuredRun> run(RunnerOptions options, CommandProgress progress) throws IOException, InterruptedException {
        Workload workload = options.workloads().get(0);
        Mode mode = options.modes().get(0);
        List<MeasuredRun> steps = new ArrayList<>();
        long highest = -1;
        for (long rate : options.sweepRates()) {
            Path hgrm = ResultFiles.hgrmPath(stepJson(options.json(), rate), mode, workload);
            MeasuredRun step = MeasuredRun.measure(new Measurement(options.withRate(rate), progress), workload, mode, hgrm);
            steps.add(step);
            if (step.result().p99Us() > options.p99BoundUs()) {
                break;
            }
            highest = rate;
        }
        progress.line(highest < 0
                ? "No rate kept p99 at or under " + options.p99BoundUs() + " µs"
                : "Highest rate with p99 <= " + options.p99BoundUs() + " µs: " + highest + " rec/s");
        return steps;
    }

    /** {@code results/sweep.json} at 200000 rec/s names its files {@code results/sweep-200000.*}. */
    private static Path stepJson(Path json, long rate) {
        return json.resolveSibling(ResultFiles.stem(json) + "-" + rate + ".json");
    }
}
