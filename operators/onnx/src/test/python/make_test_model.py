"""Writes linear-classifier.onnx, the ONNX test model of streamline-onnx.

A binary linear classifier with fixed, hand-chosen coefficients, in the operators scikit-learn's converter
(skl2onnx) emits for StandardScaler + LogisticRegression: ai.onnx.ml Scaler, then LinearClassifier with a logistic
post-transform, outputs "label" (int64) and "probabilities" (float, one column per class). Its outputs can be
worked out by hand, which is what OnnxModelTest does.

Run from the repository root (needs the onnx package; the output is committed, so tests need no Python):
    python3 operators/onnx/src/test/python/make_test_model.py
"""
import onnx
from onnx import TensorProto, helper

OFFSET = [1.0, -2.0, 0.0]
SCALE = [0.5, 1.0, 2.0]
COEFFICIENTS = [1.0, -1.0, 0.25]  # for class 1; skl2onnx writes both classes' rows for a binary model
INTERCEPT = -0.5


def main():
    scaler = helper.make_node("Scaler", ["features"], ["scaled"], domain="ai.onnx.ml", offset=OFFSET, scale=SCALE)
    classifier = helper.make_node(
        "LinearClassifier", ["scaled"], ["label", "probabilities"], domain="ai.onnx.ml",
        coefficients=[-c for c in COEFFICIENTS] + COEFFICIENTS, intercepts=[-INTERCEPT, INTERCEPT],
        classlabels_ints=[0, 1], post_transform="LOGISTIC")
    graph = helper.make_graph(
        [scaler, classifier], "linear-classifier",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, 3])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])])
    model = helper.make_model(graph, producer_name="streamline-test",
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, "operators/onnx/src/test/resources/linear-classifier.onnx")


if __name__ == "__main__":
    main()
