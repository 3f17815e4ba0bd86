/**
 * Machine learning on streams, after Spark MLlib's streaming algorithms but on the typed streams, in continuous and
 * micro-batch mode alike: {@link io.streamline.operators.ml.StreamingKMeans},
 * {@link io.streamline.operators.ml.StreamingLinearRegressionWithSGD},
 * {@link io.streamline.operators.ml.StreamingLogisticRegressionWithSGD} and
 * {@link io.streamline.operators.ml.StreamingTest}. A model being trained is operator state: checkpointed with every
 * epoch (continuous) or batch (micro-batch) and restored after a crash. One epoch of a continuous query plays the
 * part of one of Spark's batches. Models trained offline (by the same algorithms, {@link
 * io.streamline.operators.ml.ModelFiles saved and loaded}, or ONNX models through the {@code streamline-onnx} module)
 * score records in the fused chain through {@link io.streamline.operators.ml.Scoring}.
 *
 * <p>Vectors are {@code double[]}: the operators read them during the call and never keep the caller's array.
 */
package io.streamline.operators.ml;
