"""Trains the fraud model of the FraudDetection example offline, in Python, and exports it.

Card transactions are generated as FraudDetection's generator makes them (the same features and the same mix of
fraud patterns, drawn with numpy's generator, seed 16); a scikit-learn pipeline StandardScaler -> LogisticRegression
is fitted on them and written three ways into examples/src/main/resources/fraud/:

  fraud-model.onnx       the pipeline as ONNX, with the operators skl2onnx emits for it (ai.onnx.ml Scaler, then
                         LinearClassifier with a logistic post-transform; outputs "label" and "probabilities" without
                         ZipMap). skl2onnx itself is not installable on this project's machines, so the graph is
                         written with onnx.helper from the fitted coefficients.
  fraud-logistic.model   the same model in streamline's own format (ModelFiles), the scaler folded into the weights,
                         for the pure-Java scoring path.
  fraud-reference.csv    20 transactions and scikit-learn's predict_proba for class 1: the independent reference
                         the Java tests compare both paths with.

The outputs are committed, so the tests, the example and CI need no Python. To regenerate, from the repository root
(needs numpy, scikit-learn, onnx; onnxruntime to check the export):
    python3 examples/python/train_fraud_model.py
"""
import math
import pathlib

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

OUT = pathlib.Path("examples/src/main/resources/fraud")
FEATURES = ["log_amount", "night", "log_distance_km", "foreign", "card_tx_last_hour"]
FRAUD_RATE = 0.02


def transactions(rng, n):
    """Features and labels as FraudDetection.TransactionGenerator draws them."""
    fraud = rng.random(n) < FRAUD_RATE
    amount = np.where(fraud, rng.lognormal(5.5, 1.0, n), rng.lognormal(3.5, 1.0, n))
    night = np.where(fraud, rng.random(n) < 0.6, rng.random(n) < 0.1).astype(float)
    distance = np.where(fraud, rng.exponential(800.0, n), rng.exponential(15.0, n))
    foreign = np.where(fraud, rng.random(n) < 0.5, rng.random(n) < 0.03).astype(float)
    velocity = np.where(fraud, rng.poisson(4.0, n), rng.poisson(0.5, n)).astype(float)
    x = np.column_stack([np.log1p(amount), night, np.log1p(distance), foreign, velocity])
    return x, fraud.astype(int)


def onnx_model(scaler, logistic):
    coefficients = logistic.coef_[0].tolist()
    intercept = float(logistic.intercept_[0])
    scale = (1.0 / scaler.scale_).tolist()
    nodes = [
        helper.make_node("Scaler", ["features"], ["scaled"], domain="ai.onnx.ml",
                         offset=scaler.mean_.tolist(), scale=scale),
        helper.make_node("LinearClassifier", ["scaled"], ["label", "probabilities"], domain="ai.onnx.ml",
                         coefficients=[-c for c in coefficients] + coefficients, intercepts=[-intercept, intercept],
                         classlabels_ints=[0, 1], post_transform="LOGISTIC"),
    ]
    graph = helper.make_graph(
        nodes, "fraud-logistic",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, len(FEATURES)])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])])
    model = helper.make_model(graph, producer_name="streamline examples/python/train_fraud_model.py",
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)])
    model.ir_version = 8
    model.doc_string = "StandardScaler -> LogisticRegression on " + ", ".join(FEATURES)
    onnx.checker.check_model(model)
    return model


def streamline_model(scaler, logistic):
    """The pipeline as one logistic model: w' = w / scale, b' = b - sum(w * mean / scale)."""
    w = logistic.coef_[0] / scaler.scale_
    b = float(logistic.intercept_[0] - np.sum(logistic.coef_[0] * scaler.mean_ / scaler.scale_))
    lines = ["streamline-model 1",
             "# " + ", ".join(FEATURES) + "; trained by examples/python/train_fraud_model.py",
             "type logistic-regression",
             "weights " + " ".join(repr(float(v)) for v in w),
             "intercept " + repr(b),
             "threshold 0.5"]
    return "\n".join(lines) + "\n"


def main():
    rng = np.random.default_rng(16)
    x, y = transactions(rng, 50_000)
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    pipeline.fit(x, y)
    scaler, logistic = pipeline.steps[0][1], pipeline.steps[1][1]
    OUT.mkdir(parents=True, exist_ok=True)
    onnx.save(onnx_model(scaler, logistic), OUT / "fraud-model.onnx")
    (OUT / "fraud-logistic.model").write_text(streamline_model(scaler, logistic))

    test_x, test_y = transactions(np.random.default_rng(61), 2000)
    picked = np.concatenate([np.flatnonzero(test_y == 1)[:5], np.flatnonzero(test_y == 0)[:15]])
    probabilities = pipeline.predict_proba(test_x[picked])[:, 1]
    rows = [",".join(FEATURES + ["sklearn_probability"])]
    for features, p in zip(test_x[picked], probabilities):
        rows.append(",".join(repr(float(v)) for v in features) + "," + repr(float(p)))
    (OUT / "fraud-reference.csv").write_text("\n".join(rows) + "\n")

    accuracy = pipeline.score(test_x, test_y)
    print(f"trained on {len(y)} transactions ({y.sum()} fraud); held-out accuracy {accuracy:.4f}")
    try:
        import onnxruntime
        session = onnxruntime.InferenceSession(str(OUT / "fraud-model.onnx"))
        onnx_p = session.run(["probabilities"], {"features": test_x[picked].astype(np.float32)})[0][:, 1]
        print(f"onnxruntime vs scikit-learn: max difference {np.max(np.abs(onnx_p - probabilities)):.2e}")
    except ImportError:
        print("onnxruntime not installed: export not checked")


if __name__ == "__main__":
    main()
