package io.streamline.operators.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamline.operators.ml.Scorer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Scores one record through an ONNX session on the calling thread. The input tensor is created once over a direct
 * buffer owned by the scorer, which ONNX Runtime reads in place: a score writes the features into the buffer and
 * runs the session. The result and the output array are still created by ONNX Runtime's Java API on every call
 * (measured in bench/README.md). The tensor is closed with its {@link OnnxModel}.
 */
final class OnnxScorer implements Scorer, AutoCloseable {
    private final OrtSession session;
    private final Set<String> outputs;
    private final String output;
    private final int column;
    private final String source;
    private final FloatBuffer buffer;
    private final OnnxTensor tensor;
    private final Map<String, OnnxTensor> inputs;

    OnnxScorer(OrtEnvironment environment, OrtSession session, String input, int numFeatures, String output, int column,
               String source) throws OrtException {
        this.session = session;
        this.outputs = Set.of(output);
        this.output = output;
        this.column = column;
        this.source = source;
        this.buffer = ByteBuffer.allocateDirect(numFeatures * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.tensor = OnnxTensor.createTensor(environment, buffer, new long[]{1, numFeatures});
        this.inputs = Map.of(input, tensor);
    }

    @Override
    public double score(double[] features) {
        for (int i = 0; i < features.length; i++) {
            buffer.put(i, (float) features[i]);
        }
        try (OrtSession.Result result = session.run(inputs, outputs)) {
            OnnxValue value = result.get(output).orElseThrow();
            Object array = value.getValue();
            if (array instanceof float[][] rows) {
                return rows[0][column];
            }
            return ((float[]) array)[0];
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + source + " failed to score a record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        tensor.close();
    }
}
