package io.streamline.operators.ml;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator behind {@link StreamingTest#registerStream}: the current batch's summaries are updated per sample in
 * primitive fields (no allocation); at the end of a batch they join the window (or the running total), the window is
 * checkpointed, and the test runs on it.
 */
final class StreamingTestOperator implements Operator<BinarySample, StreamingTestResult> {
    /** The summaries of both groups over one batch (or, cumulatively, all batches so far). */
    record Groups(Summary control, Summary experiment) implements Serializable {
        static final Groups EMPTY = new Groups(Summary.EMPTY, Summary.EMPTY);

        Groups merge(Groups other) {
            return new Groups(control.merge(other.control), experiment.merge(other.experiment));
        }
    }

    /** What is checkpointed: batches seen, and the window's batches (the running total only, if cumulative). */
    record TestState(long batches, List<Groups> window) implements Serializable {
        static final TestState START = new TestState(0, List.of());
    }

    /** StreamingTest's rule from one batch to the next, shared by the typed-stream operator and the DStream path. */
    record Rule(int peacePeriod, int windowSize, TTestMethod method) implements Serializable {
        /** The state after a batch with these summaries (dropped if the batch is in the peace period). */
        TestState next(TestState current, Summary control, Summary experiment) {
            long batch = current.batches() + 1;
            Groups groups = batch <= peacePeriod ? Groups.EMPTY : new Groups(control, experiment);
            List<Groups> window = new ArrayList<>(current.window());
            if (windowSize == 0) {
                window = List.of(window.isEmpty() ? groups : window.get(0).merge(groups));
            } else {
                window.add(groups);
                if (window.size() > windowSize) {
                    window.remove(0);
                }
                window = List.copyOf(window);
            }
            return new TestState(batch, window);
        }

        /**
         * The test after the batch {@code state} ends with, or null: none in the peace period or over a window without
         * samples; a group with fewer than two samples fails, naming it.
         */
        StreamingTestResult result(TestState state) {
            if (state.batches() <= peacePeriod) {
                return null;
            }
            Groups total = Groups.EMPTY;
            for (Groups g : state.window()) {
                total = total.merge(g);
            }
            if (total.control().n() == 0 && total.experiment().n() == 0) {
                return null;
            }
            requireTwo("control", total.control(), state.batches());
            requireTwo("experiment", total.experiment(), state.batches());
            return method.test(total.control(), total.experiment());
        }

        private void requireTwo(String group, Summary summary, long batch) {
            if (summary.n() < 2) {
                throw new IllegalStateException("StreamingTest: the " + group + " group has " + summary.n() + " sample(s)"
                        + " in the test window of batch " + batch + " (peace period " + peacePeriod + ", window size "
                        + windowSize + "); a t-test needs at least 2 samples in each group");
            }
        }
    }

    private final Rule rule;
    private final ModelState<TestState> state;
    private TestState current = TestState.START;
    private final Welford control = new Welford();
    private final Welford experiment = new Welford();

    StreamingTestOperator(int peacePeriod, int windowSize, TTestMethod method) {
        this.rule = new Rule(peacePeriod, windowSize, method);
        this.state = new ModelState<>(restored -> current = restored);
    }

    @Override
    public void process(BinarySample sample, RecordMeta meta, Output<StreamingTestResult> out) {
        requireFinite(sample);
        (sample.isExperiment() ? experiment : control).add(sample.value());
    }

    static void requireFinite(BinarySample sample) {
        if (!Double.isFinite(sample.value())) {
            throw new IllegalArgumentException("StreamingTest: sample " + sample + " has a non-finite value; only finite"
                    + " numbers can be tested");
        }
    }

    @Override
    public void onEpochEnd(long epoch, Output<StreamingTestResult> out) {
        current = rule.next(current, control.take(), experiment.take());
        state.set(current);
        StreamingTestResult result = rule.result(current);
        if (result != null) {
            out.emit(result);
        }
    }

    @Override
    public OperatorState state() {
        return state;
    }

    /** A running count, mean and M2 in primitive fields. */
    private static final class Welford {
        private long n;
        private double mean;
        private double m2;

        void add(double value) {
            n++;
            double delta = value - mean;
            mean += delta / n;
            m2 += delta * (value - mean);
        }

        /** The summary so far, and a reset. */
        Summary take() {
            Summary s = n == 0 ? Summary.EMPTY : new Summary(n, mean, m2);
            n = 0;
            mean = 0;
            m2 = 0;
            return s;
        }
    }
}
