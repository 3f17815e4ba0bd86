package io.streamline.operators.ml;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.clock.ManualClock;
import io.streamline.operators.dstream.StreamingContext;
import io.streamline.operators.dstream.Tuple2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** trainOn/predictOn on DStreams (1 s batches on a manual clock), against the hand-worked updates of the other tests. */
class DStreamTrainingTest {
    private final StreamEngine engine = StreamEngine.create();
    private StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1), new ManualClock());

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        ssc.stop();
        engine.close();
    }

    @SafeVarargs
    private static <T> Queue<List<T>> queueOf(List<T>... batches) {
        return new ArrayDeque<>(List.of(batches));
    }

    @Test
    void kMeansUpdatesOncePerBatchIncludingEmptyBatchesAndPredictsWithTheLatestModel() throws Exception {
        ssc.checkpoint(dir.resolve("ckpt").toString());
        StreamingKMeans kmeans = new StreamingKMeans().setDecayFactor(0.5)
                .setInitialCenters(new double[][]{{0}, {10}}, new double[]{1, 1});
        kmeans.trainOn(ssc.queueStream(queueOf(List.of(new double[]{1}, new double[]{2}, new double[]{11}), List.of())));
        Map<Long, List<Tuple2<String, Integer>>> predictions = new TreeMap<>();
        kmeans.predictOnValues(ssc.queueStream(queueOf(List.<Tuple2<String, double[]>>of(), List.of(),
                        List.of(new Tuple2<>("a", new double[]{5.8})))).mapToPair(kv -> kv))
                .foreachRDD((batch, time) -> {
                    synchronized (predictions) {
                        predictions.put(time.milliseconds(), List.copyOf(batch));
                    }
                });
        ssc.start();
        ssc.advanceBatches(3);

        // batch 1: see KMeansUpdateTest.decayHalfPerBatchDiscountsTheOldWeight; batches 2 and 3 are empty: halved twice
        KMeansModel model = kmeans.latestModel();
        assertThat(model.center(0, 0)).isCloseTo(1.2, within(1e-12));
        assertThat(model.center(1, 0)).isCloseTo(32.0 / 3, within(1e-12));
        assertThat(model.clusterWeights()).containsExactly(2.5 / 4, 1.5 / 4);
        synchronized (predictions) {
            // 5.8 is nearer to 1.2 than to 10.67; the initial centers 0 and 10 would say 1
            assertThat(predictions.values()).last().isEqualTo(List.of(new Tuple2<>("a", 0)));
        }
    }

    @Test
    void linearRegressionTrainsOnNonEmptyBatches() throws Exception {
        ssc.checkpoint(dir.resolve("ckpt").toString());
        StreamingLinearRegressionWithSGD sgd = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialWeights(new double[]{0});
        List<LabeledPoint> batch = List.of(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2));
        sgd.trainOn(ssc.queueStream(queueOf(batch, List.of(), batch)));
        ssc.start();
        ssc.advanceBatches(3);
        // 0.5 after the first batch (GradientDescentTest), unchanged by the empty one, 0.875 after the third
        assertThat(sgd.latestModel().weight(0)).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void streamingTestRunsPerBatchAfterThePeacePeriod() throws Exception {
        ssc.checkpoint(dir.resolve("ckpt").toString());
        // batch 1 is the peace period; then control 1, 2, 3, 4 and experiment 2, 4, 6, 8 over batches 2 and 3
        List<BinarySample> peace = List.of(new BinarySample(false, 100), new BinarySample(true, -100));
        List<BinarySample> second = List.of(new BinarySample(false, 1), new BinarySample(false, 2),
                new BinarySample(true, 2), new BinarySample(true, 4));
        List<BinarySample> third = List.of(new BinarySample(false, 3), new BinarySample(false, 4),
                new BinarySample(true, 6), new BinarySample(true, 8));
        Map<Long, List<StreamingTestResult>> results = new TreeMap<>();
        new StreamingTest().setPeacePeriod(1).registerStream(ssc.queueStream(queueOf(peace, second, third)))
                .foreachRDD((batch, time) -> {
                    synchronized (results) {
                        results.put(time.milliseconds(), List.copyOf(batch));
                    }
                });
        ssc.start();
        ssc.advanceBatches(3);
        synchronized (results) {
            assertThat(results.values()).extracting(List::size).containsExactly(0, 1, 1);
            // StreamingSignificanceTest.welchAndStudentOnAHandWorkedExample: t = -2, df = 75/17
            StreamingTestResult last = results.values().stream().reduce((a, b) -> b).orElseThrow().get(0);
            assertThat(last.statistic()).isCloseTo(-2.0, within(1e-12));
            assertThat(last.degreesOfFreedom()).isCloseTo(75.0 / 17, within(1e-12));
        }
    }
}
