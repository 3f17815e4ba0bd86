package io.streamline.ui;

import io.streamline.engine.StreamingQuery;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The latency distribution of a query's last committed epoch or batch, by percentile, for the page's log-scale
 * plot: the same steps a {@code .hgrm} file has (five per halving of the distance to 100%). Computed once per
 * commit however many pages ask, since copying the histogram costs a few hundred kilobytes.
 */
final class EpochLatency {
    /** HdrHistogram's percentile steps, as in a {@code .hgrm} file and the bench's plot. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private final StreamingQuery query;
    private Distribution last = Distribution.NONE;

    /**
     * A distribution.
     *
     * @param commitId    the epoch or batch it belongs to; -1 before the first commit
     * @param count       records in it
     * @param percentiles steps of {@code [percentile (0..100), latency µs]}, ascending
     */
    record Distribution(long commitId, long count, List<double[]> percentiles) {
        static final Distribution NONE = new Distribution(-1, 0, List.of());
    }

    /** @param query the query's handle, or {@code null} when the run has none */
    EpochLatency(StreamingQuery query) {
        this.query = query;
    }

    /** The distribution of the last committed epoch, recomputed only when a newer epoch is committed. */
    synchronized Distribution latest() {
        if (query == null || query.lastProgress() == null || query.lastProgress().commitId() == last.commitId()) {
            return last;
        }
        Histogram nanos = query.lastEpochLatencyHistogram();
        if (nanos.getTag() == null) {
            return last;
        }
        List<double[]> steps = new ArrayList<>();
        if (nanos.getTotalCount() > 0) {
            for (HistogramIterationValue step : nanos.percentiles(TICKS_PER_HALF_DISTANCE)) {
                steps.add(new double[] {step.getPercentileLevelIteratedTo(), step.getValueIteratedTo() / 1000.0});
            }
        }
        last = new Distribution(Long.parseLong(nanos.getTag()), nanos.getTotalCount(), List.copyOf(steps));
        return last;
    }
}
