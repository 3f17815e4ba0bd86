package io.streamline.bench;

import io.streamline.bench.plot.PercentilePlot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One run of an invocation as the runner keeps it until the end: its figures and, for the plot, its percentile
 * curve. The run's histograms are written to its files and then dropped, so that they do not stay on the heap
 * through the runs after it.
 *
 * @param result the figures written to the JSON file
 * @param curve  the window's latency by percentile, as its {@code .hgrm} file has it
 */
record MeasuredRun(RunResult result, PercentilePlot.Curve curve) {

    /** Runs {@code workload} in {@code mode} and writes its {@code .hgrm} file and the {@code .hlog} beside it. */
    static MeasuredRun measure(Measurement measurement, Workload workload, Mode mode, Path hgrm)
            throws IOException, InterruptedException {
        Measurement.Window window = measurement.run(workload, mode, hgrm);
        ResultFiles.writeHgrm(hgrm, window.histogram());
        ResultFiles.writeHlog(ResultFiles.hlogPath(hgrm), window.perSecond());
        return new MeasuredRun(window.result(), PercentilePlot.Curve.of(label(window.result()), window.histogram()));
    }

    /**
     * What the plot's legend calls a run: {@code continuous stateless at 100,000 rec/s (100 ms epochs)},
     * {@code microbatch keyed-count at 100,000 rec/s (100 ms trigger)}, {@code raw-ring at 100,000 rec/s}.
     */
    static String label(RunResult result) {
        String rate = String.format(Locale.ROOT, " at %,d rec/s", result.rate());
        return switch (result.mode()) {
            case "continuous" -> "continuous " + result.workload() + rate + " (" + result.epochMs() + " ms epochs)";
            case "microbatch" -> "microbatch " + result.workload() + rate + " (" + result.epochMs() + " ms trigger)";
            default -> result.workload() + rate;
        };
    }
}
