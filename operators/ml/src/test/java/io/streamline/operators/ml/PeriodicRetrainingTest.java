package io.streamline.operators.ml;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** retrainOn: a new model from the base on the last N batches every M batches, swapped in for scoring, restored. */
class PeriodicRetrainingTest {
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Batch {@code b}: two points on the line y = b x. */
    private static List<LabeledPoint> batch(int b) {
        return List.of(LabeledPoint.of(b, 1), LabeledPoint.of(2 * b, 2));
    }

    private static StreamingLinearRegressionWithSGD sgd() {
        return new StreamingLinearRegressionWithSGD().setNumIterations(1).setInitialWeights(new double[]{0});
    }

    private static double offline(List<LabeledPoint> points) {
        return sgd().train(points).weight(0);
    }

    private static List<LabeledPoint> concat(List<LabeledPoint> a, List<LabeledPoint> b) {
        List<LabeledPoint> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void retrainsOnTheLastBatchesAtTheIntervalAndSwapsTheModelForScoring() throws Exception {
        StreamingLinearRegressionWithSGD sgd = sgd();
        MemoryStream<LabeledPoint> labelled = new MemoryStream<LabeledPoint>("labelled").maxRecordsPerTrigger(2);
        for (int b = 1; b <= 5; b++) {
            labelled.addData(batch(b));
        }
        sgd.retrainOn(engine.readStream(labelled), 2, 2).writeStream().format("memory").queryName("retrained")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);

        // retrained after batches 2 and 4, each time from the initial weights on the last two batches only
        List<LinearRegressionModel> models = engine.<LinearRegressionModel>table("retrained").rows();
        assertThat(models).extracting(m -> m.weight(0)).containsExactly(offline(concat(batch(1), batch(2))),
                offline(concat(batch(3), batch(4))));
        // one iteration from 0 on y = b x for batches 3 and 4: gradient = -(3*1 + 6*2 + 4*1 + 8*2)/4 = -8.75, w = 0.875
        assertThat(models.get(1).weight(0)).isCloseTo(0.875, within(1e-12));
        assertThat(sgd.latestModel()).isEqualTo(models.get(1));

        MemoryStream<double[]> features = new MemoryStream<>("features");
        features.addData(new double[]{2});
        engine.readStream(features).via(Scoring.score(sgd.modelRef(), (double[] x, double[] f) -> f[0] = x[0],
                        (double[] x, double score) -> score))
                .writeStream().format("memory").queryName("scores").trigger(Trigger.availableNow()).start()
                .awaitTermination(60_000);
        assertThat(engine.<Double>table("scores").rows()).containsExactly(2 * 0.875);
    }

    @Test
    void theKeptBatchesAndTheModelSurviveARestart() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<LabeledPoint> labelled = new MemoryStream<LabeledPoint>("labelled").maxRecordsPerTrigger(2);
        for (int b = 1; b <= 3; b++) {
            labelled.addData(batch(b));
        }
        sgd().retrainOn(engine.readStream(labelled), 2, 2).writeStream().format("memory").queryName("first")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);

        StreamingLinearRegressionWithSGD restarted = sgd();
        labelled.addData(batch(4));
        restarted.retrainOn(engine.readStream(labelled), 2, 2).writeStream().format("memory").queryName("second")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<LinearRegressionModel>table("second").rows()).singleElement()
                .satisfies(m -> assertThat(m.weight(0)).as("batch 3 came from the checkpoint").isCloseTo(0.875, within(1e-12)));
    }
}
