package io.streamline.examples;

import ai.onnxruntime.OrtException;
import io.streamline.operators.ml.LogisticRegressionModel;
import io.streamline.operators.ml.ModelFiles;
import io.streamline.operators.ml.ScoringModel;
import io.streamline.operators.onnx.OnnxModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The fraud examples' pre-trained model, by the name their {@code --model} option takes: {@code onnx}, the
 * scikit-learn model exported to ONNX (scored through ONNX Runtime), or {@code logistic}, its twin in streamline's
 * own format. Both were made by {@code examples/python/train_fraud_model.py} and are resources of the examples.
 * Closing it frees the ONNX Runtime session.
 */
final class FraudModel implements AutoCloseable {
    private static final String RESOURCES = "/fraud/";

    private final ScoringModel model;
    private final OnnxModel onnx;

    private FraudModel(ScoringModel model, OnnxModel onnx) {
        this.model = model;
        this.onnx = onnx;
    }

    /** The model named {@code kind}: {@code onnx} or {@code logistic}. */
    static FraudModel load(String kind) throws IOException {
        return switch (kind) {
            case "onnx" -> {
                OnnxModel onnx = OnnxModel.load(resource("fraud-model.onnx"), "fraud-model.onnx", "probabilities", 1);
                yield new FraudModel(onnx, onnx);
            }
            case "logistic" -> new FraudModel(readLogistic(), null);
            default -> throw new IllegalArgumentException("--model must be onnx or logistic, got " + kind);
        };
    }

    /** The committed logistic model. */
    static LogisticRegressionModel readLogistic() throws IOException {
        try (InputStream in = new ByteArrayInputStream(resource("fraud-logistic.model"))) {
            return ModelFiles.load(in, "fraud-logistic.model", LogisticRegressionModel.class);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FraudModel.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + RESOURCES + name
                        + "; it is made by examples/python/train_fraud_model.py");
            }
            return in.readAllBytes();
        }
    }

    ScoringModel model() {
        return model;
    }

    @Override
    public String toString() {
        return onnx != null ? onnx.toString() : "the logistic model " + model;
    }

    @Override
    public void close() throws OrtException {
        if (onnx != null) {
            onnx.close();
        }
    }
}
