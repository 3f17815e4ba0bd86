package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.ml.BinarySample;
import io.streamline.operators.ml.StreamingTest;
import io.streamline.operators.ml.StreamingTestResult;
import io.streamline.tuning.CommandLineOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A streaming A/B test, as Spark's StreamingTestExample: order values of a control and an experiment group (the
 * experiment's mean is higher by {@code --lift-pct} percent) arrive in micro-batches; after a peace period of 3
 * batches, Welch's t-test runs after every batch over all samples so far, and the example reports the first batch
 * whose p-value is below 0.05.
 *
 * <p>Options: {@code --batches B} (default 15), {@code --per-batch N} samples (default 100), {@code --lift-pct L}
 * (default 5), {@code --seed S} (default 7).
 */
public final class ABTest {
    private ABTest() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh ABTest [--batches B] [--per-batch N] [--lift-pct L] [--seed S]",
                "batches", "per-batch", "lift-pct", "seed");
        Examples.announce(ABTest.class);
        int batches = (int) a.longValue("batches", 15);
        int perBatch = (int) a.longValue("per-batch", 100);
        double lift = a.longValue("lift-pct", 5) / 100.0;
        Random random = new Random(a.longValue("seed", 7));

        List<BinarySample> samples = new ArrayList<>();
        for (int i = 0; i < batches * perBatch; i++) {
            boolean experiment = random.nextBoolean();
            samples.add(new BinarySample(experiment, 40 * (experiment ? 1 + lift : 1) + 8 * random.nextGaussian()));
        }
        MemoryStream<BinarySample> input = new MemoryStream<BinarySample>("orders").maxRecordsPerTrigger(perBatch);
        input.addData(samples);
        StreamEngine engine = StreamEngine.create();
        new StreamingTest().setPeacePeriod(3).setWindowSize(0).setTestMethod("welch")
                .registerStream(engine.readStream(input)).writeStream().format("memory").queryName("abtest")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        List<StreamingTestResult> results = engine.<StreamingTestResult>table("abtest").rows();
        engine.close();

        System.out.println("batches 1-3: peace period, no test");
        System.out.printf("%-6s %10s %8s %10s%n", "batch", "p-value", "df", "t");
        int significant = -1;
        for (int i = 0; i < results.size(); i++) {
            StreamingTestResult r = results.get(i);
            System.out.printf("%-6d %10.5f %8.1f %10.3f%n", i + 4, r.pValue(), r.degreesOfFreedom(), r.statistic());
            if (significant < 0 && r.pValue() < 0.05) {
                significant = i + 4;
            }
        }
        System.out.println(results.isEmpty() ? "" : results.get(0).method() + ", null hypothesis: "
                + results.get(0).nullHypothesis());
        System.out.println(significant > 0 ? "significant (p < 0.05) from batch " + significant
                : "not significant within " + batches + " batches");
    }
}
