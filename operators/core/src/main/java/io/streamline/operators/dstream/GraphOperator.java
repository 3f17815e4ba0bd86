package io.streamline.operators.dstream;

import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorContext;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.Output;
import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.state.KeyedState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine operator that runs a DStream graph: it collects each input's records of the batch and, at the batch's
 * end, computes every needed node valid at the batch time (the batch's epoch time on the grid), then emits one
 * {@link OutputBatch} per output operation valid then and a {@link BatchEnd}. Batches that windows need later are
 * remembered, and every node's state kept, in the checkpointed {@link GraphState}; the zero time is part of it, so
 * a restarted context keeps its windows aligned.
 */
final class GraphOperator implements Operator<GraphOperator.Tagged, Object> {
    /** An input record, tagged with the index of its input DStream. */
    record Tagged(int input, Object value) {
    }

    /** What output operation {@code output} needs of its DStream's batch at {@code timeMillis}. */
    record OutputBatch(int output, long timeMillis, List<?> rows) {
    }

    /** The batch at {@code timeMillis} is complete; {@code inputRecords[i]} came in from input {@code i}. */
    record BatchEnd(long timeMillis, long[] inputRecords) {
        /** The records of all inputs. */
        long records() {
            long sum = 0;
            for (long n : inputRecords) {
                sum += n;
            }
            return sum;
        }
    }

    private static final String ZERO_TIME = "zeroTime";

    private final DStreamGraph graph;
    private final OperatorContext context;
    private final List<Node<?>> needed;
    private final GraphState state = new GraphState();
    private final KeyedState<String, Long> meta;
    /**
     * Per node id: its remembered batches by time, for the nodes that windows read back or that are remembered
     * ({@link StreamingContext#remember}). Written on the operator's thread while holding the map's lock, so that
     * {@link #slice} can read them from the application's.
     */
    private final Map<Integer, KeyedState<Long, List<?>>> remembered = new HashMap<>();
    private final List<List<Object>> inputs = new ArrayList<>();
    /** The zero time, once the first batch ran (restored or recorded); for {@link #slice}. */
    private volatile long zeroTime = Long.MIN_VALUE;

    GraphOperator(DStreamGraph graph, OperatorContext context) {
        this.graph = graph;
        this.context = context;
        this.needed = graph.neededNodes();
        this.meta = state.newSlot();
        for (Node<?> node : needed) {
            if (node.rememberMillis() > 0) {
                remembered.put(node.id, state.newSlot());
            }
            node.attach(state);
        }
        for (int i = 0; i < graph.inputs().size(); i++) {
            inputs.add(new ArrayList<>());
        }
    }

    @Override
    public void process(Tagged value, RecordMeta meta, Output<Object> out) {
        inputs.get(value.input()).add(value.value());
    }

    @Override
    public void onEpochEnd(long epoch, Output<Object> out) {
        long time = context.epochTimeMillis();
        long zero = zeroTime(time);
        if (zeroTime == Long.MIN_VALUE) {
            zeroTime = zero;
            graph.running(this); // after the state was restored: slice may read it from now on
        }
        Evaluation batch = new Evaluation(time, zero);
        for (Node<?> node : needed) {
            if (node.isValidAt(time, zero)) {
                batch.computeAndKeep(node);
            }
        }
        List<DStreamGraph.Output<?>> outputs = graph.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            DStreamGraph.Output<?> output = outputs.get(i);
            if (output.node().isValidAt(time, zero)) {
                out.emit(new OutputBatch(i, time, select(output, batch.current.get(output.node().id))));
            }
        }
        long[] records = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            records[i] = inputs.get(i).size();
            inputs.set(i, new ArrayList<>()); // the emitted batches may still refer to the old list on the sink's thread
        }
        out.emit(new BatchEnd(time, records));
    }

    /**
     * Spark's {@code DStream.slice}: {@code node}'s remembered batches at its valid times in [from, to] (both floored
     * to its slide from the zero time, as Spark aligns them), oldest first; times not remembered are left out.
     */
    List<List<?>> slice(Node<?> node, long from, long to) {
        long zero = zeroTime;
        long first = zero + Math.floorDiv(from - zero, node.slideMillis) * node.slideMillis;
        long last = zero + Math.floorDiv(to - zero, node.slideMillis) * node.slideMillis;
        List<List<?>> batches = new ArrayList<>();
        synchronized (remembered) {
            KeyedState<Long, List<?>> kept = remembered.get(node.id);
            for (long t = Math.max(first, zero + node.slideMillis); t <= last; t += node.slideMillis) {
                List<?> batch = kept.get(t);
                if (batch != null) {
                    batches.add(java.util.Collections.unmodifiableList(new ArrayList<>(batch)));
                }
            }
        }
        return batches;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> select(DStreamGraph.Output<T> output, List<?> batch) {
        return output.operation().select((List<T>) batch);
    }

    /**
     * The zero time: recorded at the first batch (one interval before it), restored with the state afterwards. (A
     * context with another batch interval has another operator name, so the engine refuses its checkpoint.)
     */
    private long zeroTime(long time) {
        Long zero = meta.get(ZERO_TIME);
        if (zero == null) {
            zero = time - graph.batchMillis;
            meta.put(ZERO_TIME, zero);
        }
        if ((time - zero) % graph.batchMillis != 0) {
            throw new IllegalStateException("batch time " + time + " ms is not on the grid of " + graph.batchMillis
                    + " ms from the zero time " + zero + " ms");
        }
        return zero;
    }

    @Override
    public OperatorState state() {
        return state;
    }

    /** One batch's computation: the batches computed at its time, and access to the remembered ones. */
    private final class Evaluation implements BatchContext {
        private final long time;
        private final long zero;
        private final Map<Integer, List<?>> current = new HashMap<>();

        Evaluation(long time, long zero) {
            this.time = time;
            this.zero = zero;
        }

        void computeAndKeep(Node<?> node) {
            List<?> batch = node.compute(time, this);
            current.put(node.id, batch);
            KeyedState<Long, List<?>> kept = remembered.get(node.id);
            if (kept != null) {
                synchronized (remembered) {
                    kept.put(time, new ArrayList<>(batch));
                    kept.remove(time - node.rememberMillis()); // no window reaches back to it, nor remember
                }
            }
        }

        @Override
        public long zeroTime() {
            return zero;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> batchOf(Node<T> node, long at) {
            if (at <= zero) {
                return List.of();
            }
            List<?> batch = at == time ? current.get(node.id) : null;
            if (batch == null) {
                KeyedState<Long, List<?>> kept = remembered.get(node.id);
                batch = kept == null ? null : kept.get(at);
            }
            if (batch == null) {
                throw new IllegalStateException("the batch of DStream " + node.describe() + " at " + at + " ms is not available at "
                        + time + " ms (it is kept for " + node.rememberMillis() + " ms)");
            }
            return (List<T>) batch;
        }

        @Override
        public List<Object> input(int index) {
            return inputs.get(index);
        }
    }
}
