package io.streamline.operators.dstream;

import java.util.List;

/**
 * One DStream of a context's graph: how its batch at a time is computed from its parents' batches. Nodes are
 * created in the order the application defines them, which is an order in which every parent comes before its
 * children, and evaluated in that order at every batch time (by {@link GraphOperator}), each only at the times valid
 * for it: after the zero time, at multiples of its slide duration, as Spark's {@code DStream.isTimeValid}.
 *
 * @param <T> element type
 */
abstract class Node<T> {
    final int id;
    final String name;
    final long slideMillis;
    final List<Node<?>> parents;
    /** How long its batches must be kept for its children (windows); 0 when only the current batch is used. */
    private long rememberMillis;

    Node(DStreamGraph graph, String name, long slideMillis, List<Node<?>> parents) {
        this.name = name;
        this.slideMillis = slideMillis;
        this.parents = List.copyOf(parents);
        this.id = graph.add(this);
    }

    /** Whether this node has a batch at {@code time}. */
    final boolean isValidAt(long time, long zeroTime) {
        return time > zeroTime && (time - zeroTime) % slideMillis == 0;
    }

    /** This node's batch at {@code time}, a valid time; its parents' batches come from {@code batch}. */
    abstract List<T> compute(long time, BatchContext batch);

    /** Keeps this node's batches for at least {@code millis} (a child's window needs them). */
    final void remember(long millis) {
        rememberMillis = Math.max(rememberMillis, millis);
    }

    final long rememberMillis() {
        return rememberMillis;
    }

    /** Creates this node's checkpointed state for a run of the graph; stateful nodes override it. */
    void attach(GraphState state) {
    }

    /** Whether the node keeps state of its own, which Spark checkpoints, so a checkpoint directory must be set. */
    boolean mustCheckpoint() {
        return false;
    }

    /** The node in the description that guards the checkpoint: its name, parameters and parents. */
    final String describe() {
        StringBuilder sb = new StringBuilder().append(id).append(':').append(name);
        if (!parents.isEmpty()) {
            sb.append("<-");
            for (int i = 0; i < parents.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(parents.get(i).id);
            }
        }
        return sb.toString();
    }
}
