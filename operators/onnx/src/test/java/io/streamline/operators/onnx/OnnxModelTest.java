package io.streamline.operators.onnx;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.ml.ModelRef;
import io.streamline.operators.ml.Scorer;
import io.streamline.operators.ml.Scoring;
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

/**
 * The committed test model (src/test/python/make_test_model.py: Scaler with offset (1, -2, 0) and scale (0.5, 1, 2),
 * then a logistic LinearClassifier with coefficients (1, -1, 0.25) and intercept -0.5) through ONNX Runtime, against
 * probabilities worked out by hand, alone and in queries of both modes.
 */
class OnnxModelTest {
    private static final Path MODEL = Path.of("src/test/resources/linear-classifier.onnx");
    private final StreamEngine engine = StreamEngine.create();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        engine.close();
    }

    /** The model by hand: sigmoid(1 * (x0 - 1) * 0.5 - 1 * (x1 + 2) + 0.25 * x2 * 2 - 0.5). */
    private static double byHand(double[] x) {
        double margin = (x[0] - 1) * 0.5 - (x[1] + 2) + 0.25 * x[2] * 2 - 0.5;
        return 1 / (1 + Math.exp(-margin));
    }

    record Txn(String id, double[] features) {
    }

    record Scored(String id, double probability) {
    }

    @Test
    void scoresAsTheModelSaysWithinFloatPrecision() throws Exception {
        try (OnnxModel model = OnnxModel.load(MODEL, "probabilities", 1)) {
            assertThat(model.numFeatures()).isEqualTo(3);
            Scorer scorer = model.scorer();
            // (3, -1, 2) scales to (1, 1, 4): margin 1 - 1 + 1 - 0.5 = 0.5
            assertThat(scorer.score(new double[]{3, -1, 2})).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-6));
            for (double[] x : List.of(new double[]{1, -2, 0}, new double[]{-4, 3, 1.5}, new double[]{10, -10, -3})) {
                assertThat(scorer.score(x)).isCloseTo(byHand(x), within(1e-6));
            }
        }
    }

    @Test
    void scoresEveryRecordInTheFusedChainInBothModes() throws Exception {
        List<Txn> txns = List.of(new Txn("a", new double[]{3, -1, 2}), new Txn("b", new double[]{-4, 3, 1.5}),
                new Txn("c", new double[]{10, -10, -3}));
        try (OnnxModel model = OnnxModel.load(MODEL, "probabilities", 1)) {
            for (boolean microBatch : new boolean[]{true, false}) {
                MemoryStream<Txn> input = new MemoryStream<>("txns");
                input.addData(txns);
                String table = microBatch ? "scoredBatch" : "scoredContinuous";
                var query = engine.readStream(input)
                        .via(Scoring.score(ModelRef.of(model), (Txn t, double[] f) -> System.arraycopy(t.features(), 0, f, 0, 3),
                                (Txn t, double p) -> new Scored(t.id(), p)))
                        .writeStream().format("memory").queryName(table)
                        .trigger(microBatch ? Trigger.availableNow() : Trigger.continuous(Duration.ofHours(1))).start();
                if (microBatch) {
                    query.awaitTermination(60_000);
                } else {
                    query.processAllAvailable();
                    query.stop();
                }
                List<Scored> scored = engine.<Scored>table(table).rows();
                assertThat(scored).extracting(Scored::id).containsExactly("a", "b", "c");
                for (int i = 0; i < txns.size(); i++) {
                    assertThat(scored.get(i).probability()).isCloseTo(byHand(txns.get(i).features()), within(1e-6));
                }
            }
        }
    }

    @Test
    void aModelOfAnotherShapeOrAMissingOutputIsRefusedNamingWhatItHas() throws Exception {
        assertThatThrownBy(() -> OnnxModel.load(MODEL, "scores", 1))
                .hasMessageContaining("no output 'scores'").hasMessageContaining("probabilities");
        assertThatThrownBy(() -> OnnxModel.load(MODEL, "label", 0)).hasMessageContaining("output label is")
                .hasMessageContaining("a float tensor is accepted");
        assertThatThrownBy(() -> OnnxModel.load(MODEL, "probabilities", 2)).hasMessageContaining("column 2 does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxModel.load(garbage, "probabilities", 1))
                .hasMessageContaining("ONNX Runtime cannot load the model");
    }
}
