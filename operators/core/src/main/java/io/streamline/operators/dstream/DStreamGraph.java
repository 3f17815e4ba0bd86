package io.streamline.operators.dstream;

import io.streamline.engine.DataStream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DStreams and output operations a {@link StreamingContext} defined: input streams (engine streams), the nodes
 * computed from them, in definition order, and the output operations, in registration order.
 */
final class DStreamGraph {
    /** An output operation on a node. */
    record Output<T>(Node<T> node, OutputOperation<T> operation) {
    }

    final long batchMillis;
    private final List<Node<?>> nodes = new ArrayList<>();
    private final List<DataStream<?>> inputs = new ArrayList<>();
    private final List<Output<?>> outputs = new ArrayList<>();

    private boolean frozen;
    /** StreamingContext.remember: how long every computed node keeps its batches at least; 0 if not set. */
    private long rememberMillis;
    /** The graph's operator once it ran a batch, for {@link DStream#slice}; null before. */
    private volatile GraphOperator running;

    DStreamGraph(long batchMillis) {
        this.batchMillis = batchMillis;
    }

    /**
     * The context started: the graph can no longer change, as in Spark, and every needed node keeps its batches for
     * the {@link #remember} duration, rounded up to a multiple of its slide (a batch is dropped exactly when it leaves).
     */
    void freeze() {
        frozen = true;
        if (rememberMillis > 0) {
            for (Node<?> node : neededNodes()) {
                node.remember(-Math.floorDiv(-rememberMillis, node.slideMillis) * node.slideMillis); // rounded up
            }
        }
    }

    /** Spark's {@code DStreamGraph.remember}: set once, before start. */
    void remember(long millis) {
        checkNotFrozen();
        if (rememberMillis > 0) {
            throw new IllegalStateException("the remember duration is already set, to " + rememberMillis + " ms; set it once");
        }
        rememberMillis = millis;
    }

    void running(GraphOperator operator) {
        running = operator;
    }

    /** The operator running the graph, once it ran a batch; null before. */
    GraphOperator running() {
        return running;
    }

    boolean isNeeded(Node<?> node) {
        return neededNodes().contains(node);
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("Adding new inputs, transformations, and output operations after starting a "
                    + "StreamingContext is not supported: define the whole graph before start()");
        }
    }

    /** Registers a node; returns its id. */
    int add(Node<?> node) {
        checkNotFrozen();
        nodes.add(node);
        return nodes.size() - 1;
    }

    /** Registers an engine stream as input; returns its index. */
    int addInput(DataStream<?> stream) {
        checkNotFrozen();
        inputs.add(stream);
        return inputs.size() - 1;
    }

    <T> void addOutput(Node<T> node, OutputOperation<T> operation) {
        checkNotFrozen();
        outputs.add(new Output<>(node, operation));
    }

    List<DataStream<?>> inputs() {
        return inputs;
    }

    List<Output<?>> outputs() {
        return outputs;
    }

    /** The nodes some output operation depends on, in definition order: the only ones computed, as in Spark. */
    List<Node<?>> neededNodes() {
        BitSet needed = new BitSet();
        List<Node<?>> pending = new ArrayList<>();
        outputs.forEach(o -> pending.add(o.node()));
        while (!pending.isEmpty()) {
            Node<?> node = pending.remove(pending.size() - 1);
            if (!needed.get(node.id)) {
                needed.set(node.id);
                pending.addAll(node.parents);
            }
        }
        return needed.stream().mapToObj(nodes::get).collect(Collectors.toList());
    }

    /**
     * The engine operator's name: {@code dstream-} and a hash of the {@link #description()}, a plain directory name
     * for its state, which differs for another graph, so that a checkpoint written by another graph is refused.
     */
    String operatorName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(description().getBytes(StandardCharsets.UTF_8));
            return "dstream-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The graph in one line: nodes, parameters, parents and output operations, and the remember duration (which
     * decides which nodes have a slot of remembered batches in the checkpointed state).
     */
    String description() {
        return "dstream[batch " + batchMillis + " ms; " + (rememberMillis > 0 ? "remember " + rememberMillis + " ms; " : "") + neededNodes().stream().map(Node::describe).collect(Collectors.joining(" "))
                + "; " + outputs.stream().map(o -> o.operation().describe() + "<-" + o.node().id).collect(Collectors.joining(" ")) + "]";
    }
}
