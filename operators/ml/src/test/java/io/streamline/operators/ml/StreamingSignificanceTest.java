package io.streamline.operators.ml;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * StreamingTest against Apache Commons Math's TTest (the library Spark's StreamingTest calls, used here only as the
 * reference) and hand-worked values, with peace period and windows, in both modes.
 */
class StreamingSignificanceTest {
    private final StreamEngine engine = StreamEngine.create();
    private static final TTest REFERENCE = new TTest();

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Commons Math's summary of {@code values} with the population variance, as Spark's StreamingTest builds it. */
    private static StatisticalSummaryValues summary(double... values) {
        double mean = DoubleStream.of(values).average().orElseThrow();
        double variance = DoubleStream.of(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        return new StatisticalSummaryValues(mean, variance, values.length, DoubleStream.of(values).max().orElseThrow(),
                DoubleStream.of(values).min().orElseThrow(), DoubleStream.of(values).sum());
    }

    private static Summary ours(double... values) {
        Summary s = Summary.EMPTY;
        for (double v : values) {
            s = s.merge(new Summary(1, v, 0));
        }
        return s;
    }

    @Test
    void theTDistributionMatchesCommonsMath() {
        for (double df : new double[]{1, 1.5, 2, 3.7, 6, 10, 29.3, 100, 1e4}) {
            for (double t : new double[]{0, 0.1, 0.5, 1, 1.96, 2, 3, 5, 10, 40}) {
                double expected = 2 * new org.apache.commons.math3.distribution.TDistribution(df).cumulativeProbability(-t);
                assertThat(TDistribution.twoSidedPValue(t, df)).as("t %s df %s", t, df)
                        .isCloseTo(expected, within(1e-12 + 1e-9 * expected));
                assertThat(TDistribution.twoSidedPValue(-t, df)).isEqualTo(TDistribution.twoSidedPValue(t, df));
            }
        }
    }

    @Test
    void welchAndStudentOnAHandWorkedExample() {
        // control 1..4: mean 2.5, population variance 1.25; experiment 2,4,6,8: mean 5, population variance 5.
        // Welch: SE^2 = 1.25/4 + 5/4 = 1.5625, t = -2.5/1.25 = -2, df = 1.5625^2 / (0.3125^2/3 + 1.25^2/3) = 75/17.
        // Student: pooled = (3*1.25 + 3*5)/6 = 3.125, t = -2.5 / sqrt(3.125 * 0.5) = -2, df 6, p = 0.0924 (t tables).
        double[] control = {1, 2, 3, 4};
        double[] experiment = {2, 4, 6, 8};
        StreamingTestResult welch = TTestMethod.WELCH.test(ours(control), ours(experiment));
        assertThat(welch.statistic()).isCloseTo(-2.0, within(1e-12));
        assertThat(welch.degreesOfFreedom()).isCloseTo(75.0 / 17, within(1e-12));
        assertThat(welch.pValue()).isCloseTo(REFERENCE.tTest(summary(control), summary(experiment)), within(1e-12));
        assertThat(welch.method()).isEqualTo("Welch's 2-sample t-test");
        assertThat(welch.nullHypothesis()).isEqualTo("Both groups have same mean");

        StreamingTestResult student = TTestMethod.STUDENT.test(ours(control), ours(experiment));
        assertThat(student.statistic()).isCloseTo(-2.0, within(1e-12));
        assertThat(student.degreesOfFreedom()).isEqualTo(6.0);
        assertThat(student.pValue()).isCloseTo(0.0924, within(1e-4))
                .isCloseTo(REFERENCE.homoscedasticTTest(summary(control), summary(experiment)), within(1e-12));
        assertThat(student.method()).isEqualTo("Student's 2-sample t-test");
    }

    private static List<BinarySample> samples(Random random, int n, double controlMean, double experimentMean) {
        List<BinarySample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean experiment = i % 2 == 0;
            samples.add(new BinarySample(experiment, (experiment ? experimentMean : controlMean) + random.nextGaussian()));
        }
        return samples;
    }

    private static double[] values(List<List<BinarySample>> batches, boolean experiment) {
        return batches.stream().flatMap(List::stream).filter(s -> s.isExperiment() == experiment)
                .mapToDouble(BinarySample::value).toArray();
    }

    @Test
    void microBatchesSkipThePeacePeriodAndTestCumulatively() throws Exception {
        Random random = new Random(7);
        List<List<BinarySample>> batches = List.of(samples(random, 10, 100, 100), samples(random, 10, 0, 1),
                samples(random, 10, 0, 1));
        MemoryStream<BinarySample> input = new MemoryStream<BinarySample>("ab").maxRecordsPerTrigger(10);
        batches.forEach(input::addData);
        StreamingQuery query = new StreamingTest().setPeacePeriod(1).setWindowSize(0).setTestMethod("welch")
                .registerStream(engine.readStream(input)).writeStream().format("memory").queryName("tests")
                .trigger(Trigger.availableNow()).start();
        assertThat(query.awaitTermination(60_000)).isTrue();

        List<StreamingTestResult> results = engine.<StreamingTestResult>table("tests").rows();
        assertThat(results).as("batch 1 is the peace period").hasSize(2);
        for (int i = 0; i < 2; i++) {
            List<List<BinarySample>> seen = batches.subList(1, 2 + i); // the peace batch's samples are dropped
            StatisticalSummaryValues control = summary(values(seen, false));
            StatisticalSummaryValues experiment = summary(values(seen, true));
            assertThat(results.get(i).pValue()).isCloseTo(REFERENCE.tTest(control, experiment), within(1e-12));
            assertThat(results.get(i).statistic()).isCloseTo(REFERENCE.t(control, experiment), within(1e-12));
        }
    }

    @Test
    void continuousEpochsTestCumulativelyWithStudent() throws Exception {
        Random random = new Random(11);
        MemoryStream<BinarySample> input = new MemoryStream<>("ab");
        StreamingQuery query = new StreamingTest().setTestMethod("student")
                .registerStream(engine.readStream(input)).writeStream().format("memory").queryName("tests")
                .trigger(Trigger.continuous(Duration.ofHours(1))).start(); // epochs only when processAllAvailable asks
        List<List<BinarySample>> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<BinarySample> batch = samples(random, 8, b, 0);
            batches.add(batch);
            input.addData(batch);
            query.processAllAvailable();
        }
        query.stop();
        List<StreamingTestResult> results = engine.<StreamingTestResult>table("tests").rows();
        StreamingTestResult last = results.get(results.size() - 1);
        assertThat(last.pValue()).isCloseTo(REFERENCE.homoscedasticTTest(summary(values(batches, false)),
                summary(values(batches, true))), within(1e-12));
        assertThat(last.degreesOfFreedom()).isEqualTo(22.0);
        assertThat(last.method()).isEqualTo("Student's 2-sample t-test");
    }

    @Test
    void microBatchesTestOverASlidingWindow() throws Exception {
        Random random = new Random(13);
        List<List<BinarySample>> batches = List.of(samples(random, 6, 0, 0), samples(random, 6, 0, 2),
                samples(random, 6, 0, 3));
        MemoryStream<BinarySample> input = new MemoryStream<BinarySample>("ab").maxRecordsPerTrigger(6);
        batches.forEach(input::addData);
        new StreamingTest().setWindowSize(2).registerStream(engine.readStream(input)).writeStream().format("memory")
                .queryName("tests").trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        List<StreamingTestResult> results = engine.<StreamingTestResult>table("tests").rows();
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            List<List<BinarySample>> window = batches.subList(Math.max(0, i - 1), i + 1);
            assertThat(results.get(i).pValue()).as("batch %d", i).isCloseTo(REFERENCE.tTest(summary(values(window, false)),
                    summary(values(window, true))), within(1e-12));
        }
    }

    @Test
    void theSummariesResumeFromTheCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Random random = new Random(17);
        List<List<BinarySample>> batches = List.of(samples(random, 6, 0, 1), samples(random, 6, 0, 1));
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<BinarySample> input = new MemoryStream<>("ab");
        input.addData(batches.get(0));
        new StreamingTest().registerStream(engine.readStream(input)).writeStream().format("memory").queryName("first")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        input.addData(batches.get(1));
        new StreamingTest().registerStream(engine.readStream(input)).writeStream().format("memory").queryName("second")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<StreamingTestResult>table("second").rows()).singleElement().satisfies(r ->
                assertThat(r.pValue()).as("over both batches").isCloseTo(REFERENCE.tTest(summary(values(batches, false)),
                        summary(values(batches, true))), within(1e-12)));
    }

    @Test
    void aGroupWithFewerThanTwoSamplesStopsTheQueryNamingIt() {
        MemoryStream<BinarySample> input = new MemoryStream<>("ab");
        input.addData(new BinarySample(false, 1), new BinarySample(false, 2), new BinarySample(true, 3));
        StreamingQuery query = new StreamingTest().registerStream(engine.readStream(input)).writeStream().format("memory")
                .queryName("tests").trigger(Trigger.availableNow()).start();
        assertThatThrownBy(() -> query.awaitTermination(60_000)).isInstanceOf(StreamingQueryException.class)
                .hasStackTraceContaining("the experiment group has 1 sample(s)")
                .hasStackTraceContaining("at least 2 samples in each group");
    }

    @Test
    void anUnknownMethodNamesTheOnesThereAre() {
        assertThatThrownBy(() -> new StreamingTest().setTestMethod("mann-whitney"))
                .hasMessageContaining("Supported streaming test methods: welch, student");
        assertThat(Arrays.asList(TTestMethod.values())).hasSize(2);
    }
}
