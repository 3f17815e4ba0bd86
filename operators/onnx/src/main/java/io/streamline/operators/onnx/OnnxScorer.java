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
 * Scores one record through an ONNX session on the calling thread. The input is written into a direct buffer owned
 * by the scorer, which ONNX Runtime reads without copying; the input tensor, the result and the output array are
 * still created by ONNX Runtime's Java API on every call (a few hundred bytes, measured in bench/README.md).
 */
final class OnnxScorer implements Scorer {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final Set<String> outputs;
    private final String output;
    private final int column;
    private final String source;
    private final FloatBuffer buffer;
    private final long[] shape;

    OnnxScorer(OrtEnvironment environment, OrtSession session, String input, int numFeatures, String output, int column,
               String source) {
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.outputs = Set.of(output);
        this.output = output;
        this.column = column;
        this.source = source;
        this.buffer = ByteBuffer.allocateDirect(numFeatures * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.shape = new long[]{1, numFeatures};
    }

    @Override
    public double score(double[] features) {
        buffer.clear();
        for (double f : features) {
            buffer.put((float) f);
        }
        buffer.flip();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, shape);
             OrtSession.Result result = session.run(Map.of(input, tensor), outputs)) {
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
}
