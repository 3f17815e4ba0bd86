package io.streamline.examples;

import io.streamline.operators.ml.LogisticRegressionModel;
import io.streamline.operators.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The committed fraud models (examples/python/train_fraud_model.py) give scikit-learn's own probabilities, written
 * by the same script into fraud-reference.csv: the ONNX export through ONNX Runtime (float32, so within 1e-5) and
 * the logistic twin in streamline's format (doubles, within 1e-9).
 */
class FraudModelTest {
    private static List<double[]> reference() throws Exception {
        try (InputStream in = FraudModelTest.class.getResourceAsStream("/fraud/fraud-reference.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        }
    }

    @Test
    void bothModelsGiveScikitLearnsProbabilities() throws Exception {
        List<double[]> rows = reference();
        assertThat(rows).hasSize(20);
        LogisticRegressionModel logistic = FraudModel.readLogistic();
        byte[] onnxBytes;
        try (InputStream in = FraudModelTest.class.getResourceAsStream("/fraud/fraud-model.onnx")) {
            onnxBytes = in.readAllBytes();
        }
        try (OnnxModel onnx = OnnxModel.load(onnxBytes, "fraud-model.onnx", "probabilities", 1)) {
            var scorer = onnx.scorer();
            int frauds = 0;
            for (double[] row : rows) {
                double[] features = Arrays.copyOf(row, CardTransaction.FEATURES);
                double sklearn = row[CardTransaction.FEATURES];
                assertThat(scorer.score(features)).isCloseTo(sklearn, within(1e-5));
                assertThat(logistic.probability(features)).isCloseTo(sklearn, within(1e-9));
                frauds += sklearn > 0.5 ? 1 : 0;
            }
            assertThat(frauds).as("the reference has fraud and normal transactions").isBetween(1, 19);
        }
    }

    @Test
    void theJavaGeneratorDrawsTheDistributionTheModelWasTrainedOn() {
        int n = 200_000;
        int fraud = 0;
        double normalLogAmount = 0;
        for (long i = 0; i < n; i++) {
            CardTransaction t = CardTransaction.of(i);
            if (t.fraud()) {
                fraud++;
            } else {
                normalLogAmount += Math.log(t.amount());
            }
        }
        assertThat(fraud / (double) n).isCloseTo(CardTransaction.FRAUD_RATE, within(0.002));
        assertThat(normalLogAmount / (n - fraud)).as("lognormal(3.5, 1) as in the Python script").isCloseTo(3.5, within(0.02));
        assertThat(CardTransaction.of(12345)).isEqualTo(CardTransaction.of(12345));
    }
}
