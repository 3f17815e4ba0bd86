package io.streamline.operators.ml;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The streaming SGD algorithms in queries, per micro-batch and per continuous epoch, against hand-worked steps. */
class StreamingRegressionTest {
    private static final double EPS = 1e-12;
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void linearRegressionTrainsOncePerMicroBatch() throws Exception {
        StreamingLinearRegressionWithSGD sgd = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialWeights(new double[]{0});
        MemoryStream<LabeledPoint> points = new MemoryStream<LabeledPoint>("points").maxRecordsPerTrigger(2);
        points.addData(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2), LabeledPoint.of(2, 1), LabeledPoint.of(4, 2));
        StreamingQuery query = sgd.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.availableNow()).start();
        assertThat(query.awaitTermination(60_000)).isTrue();
        // batch 1: w = 0.5 (GradientDescentTest); batch 2 from 0.5, one iteration: gradient -3.75, w = 0.5 + 0.375
        assertThat(engine.<LinearRegressionModel>table("models").rows()).extracting(m -> m.weight(0))
                .containsExactly(0.5, 0.875);
        assertThat(sgd.latestModel().weight(0)).isCloseTo(0.875, within(EPS));
    }

    @Test
    void logisticRegressionTrainsOncePerContinuousEpochAndPredictsElsewhere() throws Exception {
        StreamingLogisticRegressionWithSGD sgd = new StreamingLogisticRegressionWithSGD().setStepSize(1).setNumIterations(1)
                .setRegParam(0.1).setInitialWeights(new double[]{0});
        MemoryStream<LabeledPoint> points = new MemoryStream<>("points");
        StreamingQuery training = sgd.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.continuous(Duration.ofHours(1))).start();
        points.addData(LabeledPoint.of(1, 1));
        training.processAllAvailable();
        training.processAllAvailable(); // an epoch without points leaves the model as it is
        points.addData(LabeledPoint.of(1, 1));
        training.processAllAvailable();
        // see GradientDescentTest.logisticRegressionStepsWithL2Shrinkage
        assertThat(engine.<LogisticRegressionModel>table("models").rows()).extracting(m -> m.weight(0))
                .satisfiesExactly(w -> assertThat(w).isCloseTo(0.5, within(EPS)),
                        w -> assertThat(w).isCloseTo(0.45 + 0.3775406687981454, within(EPS)));
        training.stop();

        MemoryStream<KeyValue<Integer, double[]>> features = new MemoryStream<>("features");
        features.addData(new KeyValue<>(1, new double[]{1}), new KeyValue<>(2, new double[]{-1}));
        sgd.predictOnValues(engine.readStream(features)).writeStream().format("memory").queryName("predictions")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<KeyValue<Integer, Double>>table("predictions").rows())
                .containsExactly(new KeyValue<>(1, 1.0), new KeyValue<>(2, 0.0));
    }

    @Test
    void aLabelLogisticRegressionCannotTakeStopsTheQueryNamingIt() {
        StreamingLogisticRegressionWithSGD sgd = new StreamingLogisticRegressionWithSGD().setInitialWeights(new double[]{0});
        MemoryStream<LabeledPoint> points = new MemoryStream<>("points");
        points.addData(LabeledPoint.of(3, 1));
        StreamingQuery query = sgd.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.availableNow()).start();
        assertThatThrownBy(() -> query.awaitTermination(60_000)).isInstanceOf(StreamingQueryException.class)
                .hasStackTraceContaining("labels 0 and 1 only");
    }

    @Test
    void modelsRoundTripThroughTheirFiles() throws Exception {
        LinearRegressionModel linear = new LinearRegressionModel(new double[]{0.1, 1e-17, -3}, 0.7);
        LogisticRegressionModel logistic = new LogisticRegressionModel(new double[]{2, -1}, -0.25).withThreshold(0.8);
        Path a = dir.resolve("linear.model");
        Path b = dir.resolve("logistic.model");
        linear.save(a);
        logistic.save(b);
        assertThat(LinearRegressionModel.load(a)).isEqualTo(linear);
        assertThat(LogisticRegressionModel.load(b)).isEqualTo(logistic);
        logistic.clearThreshold().save(b);
        assertThat(Double.isNaN(LogisticRegressionModel.load(b).threshold())).isTrue();
        assertThatThrownBy(() -> KMeansModel.load(a)).hasMessageContaining("holds a LinearRegressionModel, not a KMeansModel");
        Files.writeString(a, "streamline-model 2\ntype kmeans\n");
        assertThatThrownBy(() -> LinearRegressionModel.load(a)).hasMessageContaining("format version 2 is not supported");
    }

    @Test
    void offlineTrainingThenOnlineUpdatesContinueFromThePretrainedModel() throws Exception {
        // pre-train on a static data set, save, load into a new algorithm and keep training online
        StreamingLinearRegressionWithSGD offline = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialWeights(new double[]{0});
        offline.train(List.of(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2))).save(dir.resolve("pre.model"));
        StreamingLinearRegressionWithSGD online = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialModel(LinearRegressionModel.load(dir.resolve("pre.model")));
        MemoryStream<LabeledPoint> points = new MemoryStream<>("points");
        points.addData(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2));
        online.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("online")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(online.latestModel().weight(0)).isCloseTo(0.875, within(EPS));
    }
}
