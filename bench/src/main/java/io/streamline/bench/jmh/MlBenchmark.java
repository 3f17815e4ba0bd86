package io.streamline.bench.jmh;

import io.streamline.bench.FraudModels;
import io.streamline.operators.ml.LogisticRegressionModel;
import io.streamline.operators.ml.Scorer;
import io.streamline.operators.ml.StreamingKMeans;
import io.streamline.operators.onnx.OnnxModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What the ML operators cost per record: scoring one record with the examples' fraud model as streamline's logistic
 * model and through ONNX Runtime (ns/op; {@code -prof gc} gives B/op), and k-means training (dimension 10, k 10)
 * with Spark's batch rule and with sequential updates, per point ({@link #BATCH} points per invocation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlBenchmark {
    static final int BATCH = 10_000;

    private LogisticRegressionModel logistic;
    private OnnxModel onnx;
    private Scorer onnxScorer;
    private final double[] features = new double[FraudModels.FEATURES];
    private long n;
    private List<List<double[]>> batch;
    private StreamingKMeans batchRule;
    private StreamingKMeans sequential;

    @Setup(Level.Trial)
    public void setUp() {
        logistic = FraudModels.logistic();
        onnx = FraudModels.onnx();
        onnxScorer = onnx.scorer();
        Random random = new Random(10);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            double[] p = new double[10];
            int cluster = random.nextInt(10);
            for (int d = 0; d < 10; d++) {
                p[d] = cluster * 3 + random.nextGaussian();
            }
            points.add(p);
        }
        batch = List.of(points);
        batchRule = new StreamingKMeans().setK(10).setDecayFactor(0.9).setRandomCenters(10, 1.0, 42);
        sequential = new StreamingKMeans().setK(10).setHalfLife(1000, "points").setSequential(true)
                .setRandomCenters(10, 1.0, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        onnx.close();
    }

    @Benchmark
    public double scoreLogistic() {
        FraudModels.features(n++, features);
        return logistic.score(features);
    }

    @Benchmark
    public double scoreOnnx() {
        FraudModels.features(n++, features);
        return onnxScorer.score(features);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object kMeansBatchRulePerPoint() {
        return batchRule.train(batch);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object kMeansSequentialPerPoint() {
        return sequential.train(batch);
    }
}
