package io.streamline.operators.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.streamline.operators.ml.Scorer;
import io.streamline.operators.ml.ScoringModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model loaded into ONNX Runtime, scoring one record at a time on the calling thread: the session is created
 * with one intra-op and one inter-op thread, so ONNX Runtime starts no thread pool of its own and a score runs
 * inside the operator's call, in the fused chain.
 *
 * <p>The model must take one float tensor of shape {@code [N, F]} (or {@code [1, F]}), F features, and have a float
 * output of shape {@code [N, C]} or {@code [N]}: the score is column {@code column} of it (for a classifier exported
 * from scikit-learn without ZipMap, output {@code "probabilities"}, column 1 is the probability of class 1).
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Path.of("fraud.onnx"), "probabilities", 1)) {
 *     stream.via(Scoring.score(ModelRef.of(model), Txn::writeFeatures, Scored::new))...
 * }
 * }</pre>
 */
public final class OnnxModel implements ScoringModel, AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final int numFeatures;
    private final String output;
    private final int column;
    private final String source;
    /** The scorers handed out (one per operator instance and model swap), whose tensors close with the model. */
    private final List<OnnxScorer> scorers = new ArrayList<>();

    private OnnxModel(OrtEnvironment environment, OrtSession session, String input, int numFeatures, String output,
                      int column, String source) {
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.numFeatures = numFeatures;
        this.output = output;
        this.column = column;
        this.source = source;
    }

    /**
     * Loads the model in {@code path}, scoring with column {@code column} of output {@code output}.
     *
     * @throws IllegalArgumentException if the model's inputs or outputs are not of the shape described above, naming
     *                                  what it has
     */
    public static OnnxModel load(Path path, String output, int column) throws IOException {
        return load(Files.readAllBytes(path), path.toString(), output, column);
    }

    /**
     * Loads a model from its bytes (e.g. a class-path resource); {@code name} says where it came from in messages.
     *
     * @see #load(Path, String, int)
     */
    public static OnnxModel load(byte[] bytes, String name, String output, int column) throws IOException {
        String path = name;
        OrtEnvironment environment = OrtTempDirectory.environment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = environment.createSession(bytes, options);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(path + ": the model has " + inputs.size() + " inputs " + inputs.keySet()
                        + "; one float tensor [N, features] is accepted");
            }
            NodeInfo in = inputs.values().iterator().next();
            long[] shape = tensorShape(path, "input " + in.getName(), in);
            if (shape.length != 2 || shape[1] < 1) {
                throw new IllegalArgumentException(path + ": input " + in.getName() + " has shape "
                        + java.util.Arrays.toString(shape) + "; a float tensor [N, features] is accepted");
            }
            NodeInfo out = session.getOutputInfo().get(output);
            if (out == null) {
                throw new IllegalArgumentException(path + ": the model has no output '" + output + "'; its outputs are "
                        + session.getOutputInfo().keySet());
            }
            long[] outShape = tensorShape(path, "output " + output, out);
            long columns = outShape.length == 1 ? 1 : outShape[1];
            if (outShape.length > 2 || column < 0 || columns > 0 && column >= columns) {
                throw new IllegalArgumentException(path + ": output " + output + " has shape "
                        + java.util.Arrays.toString(outShape) + "; column " + column + " does not exist");
            }
            return new OnnxModel(environment, session, in.getName(), (int) shape[1], output, column, path);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException(path + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static long[] tensorShape(String path, String what, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(path + ": " + what + " is " + node.getInfo()
                    + "; a float tensor is accepted");
        }
        return tensor.getShape();
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the load failure is what the caller is told
            }
        }
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    /** A scorer with its own input tensor, for one operator instance's thread. */
    @Override
    public synchronized Scorer scorer() {
        try {
            OnnxScorer scorer = new OnnxScorer(environment, session, input, numFeatures, output, column, source);
            scorers.add(scorer);
            return scorer;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + source + ": cannot create an input tensor: " + e.getMessage(), e);
        }
    }

    /** Releases the session and the scorers' input tensors; no scorer of this model may be used afterwards. */
    @Override
    public synchronized void close() throws OrtException {
        scorers.forEach(OnnxScorer::close);
        scorers.clear();
        session.close();
    }

    @Override
    public String toString() {
        return "OnnxModel(" + source + ", " + numFeatures + " features -> " + output + "[" + column + "])";
    }
}
