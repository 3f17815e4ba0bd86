package io.streamline.operators.ml;

import io.streamline.engine.DataStream;
import io.streamline.operators.dstream.DStream;
import io.streamline.operators.dstream.Tuple2;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Streaming A/B testing, as MLlib's {@code StreamingTest}: after each batch (each epoch in continuous mode), a
 * two-sample t-test of the control group ({@code isExperiment == false}) against the experiment group.
 *
 * <pre>{@code
 * DataStream<StreamingTestResult> results = new StreamingTest().setPeacePeriod(10).setWindowSize(0)
 *         .setTestMethod("welch").registerStream(samples);
 * }</pre>
 *
 * <ul>
 *   <li>The first {@code peacePeriod} batches are ignored (their samples are dropped) and give no output.</li>
 *   <li>{@code windowSize} 0 tests over every batch since the peace period; {@code n} over the last {@code n}
 *       batches, the current one included (batches of the peace period count as empty ones). A window without any
 *       sample gives no output.</li>
 *   <li>Each group is summarised by count, mean and population variance (Spark's {@code StatCounter}), from which
 *       Welch's or Student's test gives the t statistic ({@code (mean(control) - mean(experiment)) / SE}), the degrees
 *       of freedom and the two-sided p-value. The degrees of freedom are Welch–Satterthwaite's, the ones the p-value
 *       is computed with; Spark's {@code welchDF} reports a value computed from the squared variances instead, which
 *       does not match its own p-value.</li>
 *   <li>A test over a group with fewer than two samples stops the query with an error naming the group and the
 *       batch, as Spark's job fails.</li>
 * </ul>
 *
 * The summaries are the operator's checkpointed state, so after a crash the test continues over the same samples.
 */
public final class StreamingTest {
    private int peacePeriod;
    private int windowSize;
    private TTestMethod method = TTestMethod.WELCH;

    /** Number of initial batches to ignore (default 0). */
    public StreamingTest setPeacePeriod(int peacePeriod) {
        if (peacePeriod < 0) {
            throw new IllegalArgumentException("peacePeriod must not be negative, got " + peacePeriod);
        }
        this.peacePeriod = peacePeriod;
        return this;
    }

    /** Number of batches to test over, 0 for all batches so far (default 0). */
    public StreamingTest setWindowSize(int windowSize) {
        if (windowSize < 0) {
            throw new IllegalArgumentException("windowSize must not be negative, got " + windowSize);
        }
        this.windowSize = windowSize;
        return this;
    }

    /** {@code "welch"} (default) or {@code "student"}. */
    public StreamingTest setTestMethod(String method) {
        this.method = TTestMethod.of(method);
        return this;
    }

    /**
     * On a DStream, as Spark's {@code registerStream}: one result per batch after the peace period whose window has
     * samples. The summaries are kept with {@code updateStateByKey} under one key, so the context needs a checkpoint
     * directory and the test continues over the same samples after a restart.
     */
    public DStream<StreamingTestResult> registerStream(DStream<BinarySample> samples) {
        StreamingTestOperator.Rule rule = new StreamingTestOperator.Rule(peacePeriod, windowSize, method);
        return samples.transformToPair(batch -> List.of(new Tuple2<>("streamingTest", List.copyOf(batch))))
                .updateStateByKey((List<List<BinarySample>> batches, Optional<StreamingTestOperator.TestState> state) -> {
                    StreamingTestOperator.TestState next = state.orElse(StreamingTestOperator.TestState.START);
                    for (List<BinarySample> batch : batches) {
                        next = rule.next(next, summary(batch, false), summary(batch, true));
                    }
                    return Optional.of(next);
                })
                .flatMap(kv -> {
                    StreamingTestResult result = rule.result(kv._2());
                    return result == null ? Collections.<StreamingTestResult>emptyIterator() : List.of(result).iterator();
                });
    }

    private static Summary summary(List<BinarySample> batch, boolean experiment) {
        Summary summary = Summary.EMPTY;
        for (BinarySample sample : batch) {
            StreamingTestOperator.requireFinite(sample);
            if (sample.isExperiment() == experiment) {
                summary = summary.merge(new Summary(1, sample.value(), 0));
            }
        }
        return summary;
    }

    /** The test results, one per batch (epoch) after the peace period whose window has samples. */
    public DataStream<StreamingTestResult> registerStream(DataStream<BinarySample> samples) {
        int peace = peacePeriod;
        int window = windowSize;
        TTestMethod test = method;
        return samples.transform("streamingTest", context -> new StreamingTestOperator(peace, window, test));
    }
}
