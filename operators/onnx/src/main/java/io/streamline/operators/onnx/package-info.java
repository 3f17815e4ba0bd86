/**
 * ONNX models in a stream: {@link io.streamline.operators.onnx.OnnxModel} loads a model (for example one trained with
 * scikit-learn and exported to ONNX) into ONNX Runtime and scores records in the fused chain through
 * {@link io.streamline.operators.ml.Scoring}.
 */
package io.streamline.operators.onnx;
