package io.streamline.bench;

import java.util.List;

/**
 * The figures of one workload's measured window, as written to the JSON result file.
 *
 * @param mode                execution mode
 * @param workload            workload label
 * @param idle                idle strategy
 * @param rate                offered records per second
 * @param warmupSeconds       load before the window
 * @param seconds             length of the window
 * @param epochMs             epoch interval, 0 for a workload without epochs
 * @param achievedRate        records delivered per second of the window
 * @param records             records delivered in the window
 * @param p50Us               latency percentiles in µs, from each record's intended send time ...
 * @param p90Us               ...
 * @param p99Us               ...
 * @param p999Us              ...
 * @param p9999Us             ...
 * @param maxUs               ... and the maximum
 * @param epochs              markers the epoch clock requested in the window (it fires at a fixed rate: window / interval)
 * @param committedEpochs     epochs committed in the window, from the query's progress reports
 * @param maxEpochCommitMs    the slowest of those epochs from marker request to commit record
 * @param gcCount             collections in the window
 * @param gcTimeMs            collection time in the window
 * @param allocBytesPerRecord bytes allocated in the window by every thread but the runner's, per record delivered
 * @param otherCores          CPU other processes on the machine used during the window, in cores (-1 if unknown):
 *                            above ~0.1 the window shared the 2 cores and its tail is not the engine's alone
 * @param quiet               the same window restricted to the seconds in which other processes were quiet
 * @param hgrmFile            the percentile distribution file written for this window
 * @param intervals           per-second latency over the window
 * @param measures            what the latency figures are: {@code record latency} (from each record's intended send
 *                            time) or {@code window close to emit} (an append-mode window's row in continuous mode, from
 *                            the marker that closed the window)
 * @param state               the stateful operators' state in the window
 * @param inputRate           rows the sources read per second of the window, from the committed epochs' progress
 *                            (0 without epochs): the throughput of a run offered more than it can take
 */
record RunResult(String mode, String workload, String idle, long rate, int warmupSeconds, int seconds, long epochMs,
                 double achievedRate, long records, double p50Us, double p90Us, double p99Us, double p999Us,
                 double p9999Us, double maxUs, long epochs, long committedEpochs, long maxEpochCommitMs, long gcCount,
                 long gcTimeMs, double allocBytesPerRecord, double otherCores, QuietFigures quiet, String hgrmFile, List<IntervalStats> intervals,
                 String measures, StateFigures state, double inputRate) {
    /** {@link #measures} of a run whose rows reach the sink when the watermark closes their window. */
    static final String CLOSE_TO_EMIT = "window close to emit";
    /** {@link #measures} of every other run. */
    static final String RECORD_LATENCY = "record latency";

}
