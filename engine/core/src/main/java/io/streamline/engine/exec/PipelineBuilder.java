package io.streamline.engine.exec;

import io.streamline.engine.OutputMode;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.epoch.EpochClock;
import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorSetup;
import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.plan.UnionNode;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.CatchUpRequests;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.Fanout;
import io.streamline.engine.runtime.MarkerAligner;
import io.streamline.engine.runtime.MarkerJoin;
import io.streamline.engine.runtime.OperatorNode;
import io.streamline.engine.runtime.RecordRing;
import io.streamline.engine.runtime.RingInput;
import io.streamline.engine.runtime.RingPublisher;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.SourceInput;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.runtime.Task;
import io.streamline.engine.runtime.TaskInput;
import io.streamline.engine.sink.SinkWriter;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.SourceContext;
import io.streamline.engine.source.StreamSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Turns a logical plan into runnable chains. Operators are fused into the chain of their input. With
 * thread boundaries (continuous mode) each source partition heads its own task, and a ring (and a new
 * task) appears only where one is needed: a union (fan-in with marker alignment), a single-instance
 * operator or sink fed by several source partitions, or a sink that asks for its own thread. Without them
 * (micro-batch mode, where one driver thread feeds every partition in turn) the same fan-in points are
 * {@link MarkerJoin}s and there are no tasks.
 */
final class PipelineBuilder {
    private final LogicalPlan plan;
    private final Map<SourceNode, StreamSource<?>> sources;
    private final StreamSink<Object> sink;
    private final SinkWriter<Object> sinkWriter;
    private final OutputMode outputMode;
    private final EngineConfig config;
    private final EpochClock clock;
    private final EpochListener listener;
    private final Map<String, String> committedOffsets;
    private final BiFunction<String, Operator<?, ?>, StateCheckpointer> checkpointers;
    private final BooleanSupplier running;
    private final Consumer<Throwable> onFailure;
    private final long firstEpoch;
    private final boolean threadBoundaries;

    private final Map<PlanNode, FanIn> fanIns = new IdentityHashMap<>();
    private final List<FanIn> fanInOrder = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<SourcePartition> partitions = new ArrayList<>();
    private final LatencyRecorder latency = new LatencyRecorder();
    private SinkNode sinkNode;
    private FanIn sinkFanIn;
    private Path checkpointLocation;
    private CatchUpRequests catchUp;

    /** Where several upstream instances merge: a task reading rings, or a join on the driver thread. */
    private static final class FanIn {
        final String name;
        final List<RecordRing> rings = new ArrayList<>();
        final List<String> chain = new ArrayList<>();
        Downstream head;
        MarkerJoin join;

        FanIn(String name) {
            this.name = name;
        }
    }

    PipelineBuilder(LogicalPlan plan, Map<SourceNode, StreamSource<?>> sources, StreamSink<Object> sink,
                    SinkWriter<Object> sinkWriter, OutputMode outputMode, EngineConfig config, EpochClock clock,
                    EpochListener listener, Map<String, String> committedOffsets,
                    BiFunction<String, Operator<?, ?>, StateCheckpointer> checkpointers, BooleanSupplier running,
                    Consumer<Throwable> onFailure, long firstEpoch, boolean threadBoundaries) {
        this.plan = plan;
        this.sources = sources;
        this.sink = sink;
        this.sinkWriter = sinkWriter;
        this.outputMode = outputMode;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.committedOffsets = committedOffsets;
        this.checkpointers = checkpointers;
        this.running = running;
        this.onFailure = onFailure;
        this.firstEpoch = firstEpoch;
        this.threadBoundaries = threadBoundaries;
    }

    /** The query's checkpoint directory, handed to sources that keep durable state of their own. */
    PipelineBuilder checkpointLocation(Path location) {
        this.checkpointLocation = location;
        return this;
    }

    /** The query's {@code processAllAvailable()} requests, which source tasks answer (continuous mode). */
    PipelineBuilder catchUp(CatchUpRequests requests) {
        this.catchUp = requests;
        return this;
    }

    /** Key of a source partition in commit records: plan id, format, partition. */
    static String sourceKey(LogicalPlan plan, SourceNode node, StreamSource<?> source, int partition) {
        return plan.id(node) + "-" + source.format() + "/" + partition;
    }

    /** Id of a stateful operator in commit records and the journal. */
    static String operatorId(LogicalPlan plan, TransformNode node) {
        return plan.id(node) + "-" + node.name();
    }

    /** The sink's key in acknowledgements. */
    static final String SINK_KEY = "sink/0";

    Pipeline build() {
        for (SourceNode node : plan.sources()) {
            @SuppressWarnings("unchecked")
            StreamSource<Object> source = (StreamSource<Object>) sources.get(node);
            for (int p = 0; p < source.partitions(); p++) {
                String key = sourceKey(plan, node, source, p);
                List<String> chain = new ArrayList<>();
                chain.add("source " + key);
                Downstream head = downstreamOf(node, chain);
                long batchLimit = Math.max(1, source.maxRecordsPerTrigger() / source.partitions());
                SourcePartition partition = new SourcePartition(key, source.openPartition(p, committedOffsets.get(key),
                        new SourceContext(key, checkpointLocation)), head,
                        String.join(" -> ", chain), batchLimit);
                partitions.add(partition);
                if (threadBoundaries) {
                    SourceInput input = new SourceInput(key, partition.reader(), head, clock, listener, firstEpoch,
                            catchUp, partitions.size() - 1);
                    tasks.add(new Task("source-" + key, List.of(input), partition.chain(), config.pollBatch(), onFailure));
                }
            }
        }
        for (FanIn fanIn : fanInOrder) {
            if (fanIn.join == null) {
                tasks.add(fanInTask(fanIn));
            }
        }
        return new Pipeline(List.copyOf(tasks), List.copyOf(partitions), sinkNode, latency);
    }

    private Task fanInTask(FanIn fanIn) {
        MarkerAligner aligner = new MarkerAligner(fanIn.rings.size(), fanIn.head);
        List<TaskInput> inputs = new ArrayList<>();
        for (int i = 0; i < fanIn.rings.size(); i++) {
            inputs.add(new RingInput(fanIn.rings.get(i), i, aligner, fanIn.head));
        }
        String rings = inputs.stream().map(TaskInput::describe).reduce((a, b) -> a + " + " + b).orElse("");
        return new Task(fanIn.name, inputs, rings + " -> " + String.join(" -> ", fanIn.chain), config.pollBatch(), onFailure);
    }

    private int parallelism(PlanNode node) {
        if (node instanceof SourceNode s) {
            return sources.get(s).partitions();
        }
        if (node instanceof TransformNode t) {
            return t.stateful() ? 1 : parallelism(t.input());
        }
        return 1; // a union merges into one task

    }

    /** Where the output of {@code node} goes, for one running instance of it. */
    private Downstream downstreamOf(PlanNode node, List<String> chain) {
        List<PlanNode> consumers = plan.consumers(node);
        if (consumers.isEmpty()) {
            return sinkEntry(parallelism(node), chain);
        }
        if (consumers.size() == 1) {
            return entry(consumers.get(0), chain);
        }
        chain.add("fan-out(" + consumers.size() + ")");
        Downstream[] branches = new Downstream[consumers.size()];
        for (int i = 0; i < branches.length; i++) {
            branches[i] = entry(consumers.get(i), chain);
        }
        return new Fanout(branches);
    }

    /** What an upstream instance calls to deliver records into {@code node}: the node itself, or a ring to it. */
    private Downstream entry(PlanNode node, List<String> chain) {
        boolean fanIn = node instanceof UnionNode
                || node instanceof TransformNode t && t.stateful() && parallelism(t.input()) > 1;
        if (!fanIn) {
            return chainFrom(node, chain);
        }
        FanIn target = fanIns.get(node);
        if (target == null) {
            target = new FanIn("fanin-" + plan.id(node) + "-" + (node instanceof TransformNode t ? t.name() : "union"));
            fanIns.put(node, target);
            fanInOrder.add(target);
            target.head = chainFrom(node, target.chain);
        }
        return into(target, chain);
    }

    /** An input into a fan-in: a new ring to its task, or the shared join. */
    private Downstream into(FanIn target, List<String> chain) {
        if (!threadBoundaries) {
            if (target.join == null) {
                target.join = new MarkerJoin(target.head);
            }
            chain.add("join " + target.name);
            return target.join.addInput();
        }
        RecordRing ring = new RecordRing(target.name + "#" + target.rings.size(), config.ringSize());
        target.rings.add(ring);
        chain.add("ring '" + ring.name() + "'");
        return new RingPublisher(ring, running);
    }

    @SuppressWarnings("unchecked")
    private Downstream chainFrom(PlanNode node, List<String> chain) {
        if (node instanceof TransformNode t) {
            String id = operatorId(plan, t);
            Operator<Object, Object> op = (Operator<Object, Object>) t.factory().create(new OperatorSetup(id, outputMode, !threadBoundaries));
            chain.add(t.name());
            Downstream next = downstreamOf(t, chain);
            return new OperatorNode(op, next, t.stateful() ? checkpointers.apply(id, op) : null);
        }
        chain.add("union");
        return downstreamOf(node, chain);
    }

    private Downstream sinkEntry(int parallelism, List<String> chain) {
        boolean ownThread = threadBoundaries && sink.runsOnOwnThread();
        if (!ownThread && parallelism == 1) {
            chain.add("sink " + sink.description());
            return sinkNode();
        }
        if (sinkFanIn == null) {
            sinkFanIn = new FanIn("sink-" + sink.format());
            fanInOrder.add(sinkFanIn);
            sinkFanIn.chain.add("sink " + sink.description());
            sinkFanIn.head = sinkNode();
        }
        return into(sinkFanIn, chain);
    }

    private SinkNode sinkNode() {
        if (sinkNode == null) {
            // Micro-batch latency runs to the end of the batch, so the batch driver records it, not the sink.
            sinkNode = new SinkNode(SINK_KEY, sinkWriter, threadBoundaries ? latency : null, listener);
        }
        return sinkNode;
    }
}
