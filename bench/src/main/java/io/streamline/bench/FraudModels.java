package io.streamline.bench;

import io.streamline.operators.ml.LogisticRegressionModel;
import io.streamline.operators.ml.ModelFiles;
import io.streamline.operators.onnx.OnnxModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fraud models of the examples (trained offline in Python, five features), which the bench jar carries: the
 * ONNX export and its logistic twin in streamline's format, for the scoring workloads and micro-benchmarks.
 */
public final class FraudModels {
    /** Number of features the models take. */
    public static final int FEATURES = 5;

    private FraudModels() {
    }

    /** The ONNX model, scoring the probability of fraud; the caller closes it. */
    public static OnnxModel onnx() {
        try {
            return OnnxModel.load(bytes("fraud-model.onnx"), "fraud-model.onnx", "probabilities", 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same model as streamline's own logistic model. */
    public static LogisticRegressionModel logistic() {
        try (InputStream in = open("fraud-logistic.model")) {
            return ModelFiles.load(in, "fraud-logistic.model", LogisticRegressionModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Features derived from {@code value} without allocating: plausible transactions, a few of them frauds. */
    public static void features(long value, double[] into) {
        into[0] = 3 + (value % 41) * 0.1;
        into[1] = value % 7 == 0 ? 1 : 0;
        into[2] = 1 + (value % 23) * 0.3;
        into[3] = value % 31 == 0 ? 1 : 0;
        into[4] = value % 5;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = FraudModels.class.getResourceAsStream("/fraud/" + name);
        if (in == null) {
            throw new IOException("the bench jar has no /fraud/" + name + " (examples/src/main/resources/fraud)");
        }
        return in;
    }
}
