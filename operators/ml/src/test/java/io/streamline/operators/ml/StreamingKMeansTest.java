package io.streamline.operators.ml;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * StreamingKMeans in queries: one model per micro-batch or per continuous epoch, with the values of the hand-worked
 * update of {@link KMeansUpdateTest}; prediction in another query; the model resumes from the checkpoint.
 */
class StreamingKMeansTest {
    private static final double EPS = 1e-12;
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    private static StreamingKMeans halfDecay() {
        return new StreamingKMeans().setDecayFactor(0.5).setInitialCenters(new double[][]{{0}, {10}}, new double[]{1, 1});
    }

    private static void assertFirstBatchModel(KMeansModel model) {
        // see KMeansUpdateTest.decayHalfPerBatchDiscountsTheOldWeight
        assertThat(model.center(0, 0)).isCloseTo(1.2, within(EPS));
        assertThat(model.center(1, 0)).isCloseTo(32.0 / 3, within(EPS));
        assertThat(model.clusterWeights()).containsExactly(2.5, 1.5);
    }

    @Test
    void shouldUpdateOncePerMicroBatch() throws Exception {
        StreamingKMeans kmeans = halfDecay();
        MemoryStream<double[]> points = new MemoryStream<double[]>("points").maxRecordsPerTrigger(3);
        points.addData(new double[]{1}, new double[]{2}, new double[]{11}, new double[]{3}, new double[]{3}, new double[]{3});
        StreamingQuery query = kmeans.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.availableNow()).start();
        assertThat(query.awaitTermination(60_000)).isTrue();

        List<KMeansModel> models = engine.<KMeansModel>table("models").rows();
        assertThat(models).hasSize(2);
        assertFirstBatchModel(models.get(0));
        // batch 2 (3, 3, 3 all nearest 1.2): weights 1.25, 0.75; c0: n' = 4.25, c = (1.25 * 1.2 + 9) / 4.25
        assertThat(models.get(1).center(0, 0)).isCloseTo((1.25 * 1.2 + 9) / 4.25, within(EPS));
        assertThat(models.get(1).center(1, 0)).isCloseTo(32.0 / 3, within(EPS));
        assertThat(models.get(1).clusterWeights()).containsExactly(4.25, 0.75);
        assertThat(kmeans.latestModel()).isEqualTo(models.get(1));
    }

    @Test
    void shouldUpdateOncePerContinuousEpochAndDiscountEmptyEpochs() throws Exception {
        StreamingKMeans kmeans = halfDecay();
        MemoryStream<double[]> points = new MemoryStream<>("points");
        StreamingQuery query = kmeans.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.continuous(Duration.ofHours(1))).start(); // epochs only when processAllAvailable asks
        points.addData(new double[]{1}, new double[]{2}, new double[]{11});
        query.processAllAvailable();
        List<KMeansModel> models = engine.<KMeansModel>table("models").rows();
        assertFirstBatchModel(models.get(models.size() - 1));
        double[] before = models.get(models.size() - 1).clusterWeights();

        query.processAllAvailable(); // an epoch without points still discounts
        List<KMeansModel> after = engine.<KMeansModel>table("models").rows();
        double[] weights = after.get(after.size() - 1).clusterWeights();
        long emptyEpochs = after.size() - models.size();
        assertThat(emptyEpochs).isPositive();
        assertThat(weights[0]).isCloseTo(before[0] * Math.pow(0.5, emptyEpochs), within(EPS));
        assertThat(weights[1]).isCloseTo(before[1] * Math.pow(0.5, emptyEpochs), within(EPS));
        query.stop();
    }

    @Test
    void shouldPredictInAnotherQueryWithTheLatestModel() throws Exception {
        StreamingKMeans kmeans = halfDecay();
        MemoryStream<double[]> training = new MemoryStream<double[]>("training");
        training.addData(new double[]{1}, new double[]{2}, new double[]{11});
        kmeans.trainOn(engine.readStream(training)).writeStream().format("memory").queryName("models")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);

        // centers are now 1.2 and 10.67: 5.8 is nearer to 1.2 (the initial centers 0 and 10 would say cluster 1)
        MemoryStream<KeyValue<String, double[]>> queries = new MemoryStream<>("queries");
        queries.addData(new KeyValue<>("a", new double[]{5.8}), new KeyValue<>("b", new double[]{9}));
        kmeans.predictOnValues(engine.readStream(queries)).writeStream().format("memory").queryName("predictions")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<KeyValue<String, Integer>>table("predictions").rows())
                .containsExactly(new KeyValue<>("a", 0), new KeyValue<>("b", 1));

        MemoryStream<double[]> plain = new MemoryStream<>("plain");
        plain.addData(new double[]{5.8});
        kmeans.predictOn(engine.readStream(plain)).writeStream().format("memory").queryName("plainPredictions")
                .trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<Integer>table("plainPredictions").rows()).containsExactly(0);
    }

    @Test
    void shouldResumeTrainingFromTheCheckpointedModel() throws Exception {
        String checkpoint = dir.resolve("ckpt").toString();
        MemoryStream<double[]> points = new MemoryStream<>("points");
        points.addData(new double[]{1}, new double[]{2}, new double[]{11});
        halfDecay().trainOn(engine.readStream(points)).writeStream().format("memory").queryName("first")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);

        // a new StreamingKMeans with the initial centers again: the checkpoint's model wins
        StreamingKMeans restarted = halfDecay();
        points.addData(new double[]{3}, new double[]{3}, new double[]{3});
        restarted.trainOn(engine.readStream(points)).writeStream().format("memory").queryName("second")
                .option("checkpointLocation", checkpoint).trigger(Trigger.availableNow()).start().awaitTermination(60_000);
        assertThat(engine.<KMeansModel>table("second").rows()).singleElement()
                .satisfies(m -> assertThat(m.clusterWeights()).containsExactly(4.25, 0.75));
        assertThat(restarted.latestModel().center(0, 0)).isCloseTo((1.25 * 1.2 + 9) / 4.25, within(EPS));
    }

    @Test
    void shouldRoundTripAModelThroughItsFile() throws Exception {
        KMeansModel model = new KMeansModel(new double[][]{{0.1, -2.5e-300}, {Math.PI, 7}}, new double[]{3.25, 0});
        Path file = dir.resolve("model.txt");
        model.save(file);
        assertThat(KMeansModel.load(file)).isEqualTo(model);
        assertThat(java.nio.file.Files.readString(file)).startsWith("streamline-model 1\ntype kmeans\n");
    }
}
