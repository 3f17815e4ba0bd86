package io.streamline.engine.exec;

import io.streamline.engine.OutputMode;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.epoch.EpochClock;
import io.streamline.engine.epoch.EpochListener;
import io.streamline.engine.epoch.Participants;
import io.streamline.engine.operator.BoundaryCallbacks;
import io.streamline.engine.operator.Operator;
import io.streamline.engine.operator.OperatorState;
import io.streamline.engine.operator.TwoInputOperator;
import io.streamline.engine.plan.BinaryNode;
import io.streamline.engine.plan.LogicalPlan;
import io.streamline.engine.plan.PlanNode;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.plan.TransformNode;
import io.streamline.engine.plan.UnionNode;
import io.streamline.engine.plan.WatermarkNode;
import io.streamline.engine.progress.LatencyRecorder;
import io.streamline.engine.runtime.AlignedMarkers;
import io.streamline.engine.runtime.CatchUpRequests;
import io.streamline.engine.runtime.ChainEmitter;
import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.runtime.EventTimeWatermarkNode;
import io.streamline.engine.runtime.Fanout;
import io.streamline.engine.runtime.KeyExchange;
import io.streamline.engine.runtime.LocalInput;
import io.streamline.engine.runtime.MarkerAligner;
import io.streamline.engine.runtime.MarkerJoin;
import io.streamline.engine.runtime.MergingHead;
import io.streamline.engine.runtime.OperatorHost;
import io.streamline.engine.runtime.OperatorNode;
import io.streamline.engine.runtime.RecordRing;
import io.streamline.engine.runtime.RingInput;
import io.streamline.engine.runtime.RingPublisher;
import io.streamline.engine.runtime.SinkNode;
import io.streamline.engine.runtime.EpochReplay;
import io.streamline.engine.runtime.SourceInput;
import io.streamline.engine.runtime.StateCheckpointer;
import io.streamline.engine.runtime.Task;
import io.streamline.engine.runtime.TaskInput;
import io.streamline.engine.runtime.TwoInputNode;
import io.streamline.engine.runtime.WatermarkMerge;
import io.streamline.engine.sink.SinkSetup;
import io.streamline.engine.sink.StreamSink;
import io.streamline.engine.source.SourceContext;
import io.streamline.engine.source.StreamSource;
import io.streamline.engine.state.KeyGroups;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Turns a logical plan into runnable chains. Operators are fused into the chain of their input, one instance
 * per instance of the input, unless they need to see every record: a stateful operator (one that has state or
 * timers, as it says itself when the probe instance is created), a union and a two-input operator run as one
 * instance behind a fan-in. With thread boundaries (continuous mode) each source partition heads its own task,
 * and a fan-in is a task reading one ring per upstream instance, aligning their markers; without them
 * (micro-batch mode, where one driver thread feeds every partition in turn) a fan-in is a {@link MarkerJoin} and
 * there are no tasks. A sink that takes parallel writers gets one per instance of its input, fused; any other
 * sink has one writer, behind a fan-in when several instances feed it or when it asks for a thread of its own.
 *
 * <p>A keyed stateful operator ({@code groupByKey}, {@code KeyedStream.transform}) and a keyed two-input operator
 * ({@code KeyedStream.transformWith}, a stream-stream join) run as {@code parallelism} instances when that is more
 * than 1: every upstream instance ends in a {@link KeyExchange} routing each record by its key's group to the
 * instance owning it, through a ring of its own to each instance (continuous) or into each instance's join
 * (micro-batch); each instance is a fan-in of its own, aligning the markers of every upstream instance (of both
 * inputs, for a two-input operator, each routed by its own key). Its state is checkpointed per instance, split into
 * key groups ({@link StatePlacement}).
 */
final class PipelineBuilder {
    /** What the builder needs from the query around it. */
    record Environment(EngineConfig config, EpochClock clock, EpochListener listener, Map<String, String> committedOffsets,
                       Map<String, Long> committedWatermarks,
                       BiFunction<StatePlacement, OperatorState, StateCheckpointer> checkpointers, BooleanSupplier running,
                       Consumer<Throwable> onFailure, long firstEpoch, boolean threadBoundaries, Path checkpointLocation,
                       CatchUpRequests catchUp, Map<String, EpochReplay> replay, Map<String, Long> committedSinkSequences) {
    }

    private final LogicalPlan plan;
    private final Map<SourceNode, StreamSource<?>> sources;
    private final StreamSink<Object> sink;
    private final SinkSetup sinkSetup;
    private final OutputMode outputMode;
    private final Environment env;

    private final Map<PlanNode, Integer> instances = new IdentityHashMap<>();
    private final Map<TransformNode, Probe> probes = new IdentityHashMap<>();
    private final Map<PlanNode, FanIn[]> fanIns = new IdentityHashMap<>();
    private final List<FanIn> fanInOrder = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<SourcePartition> partitions = new ArrayList<>();
    private final List<SinkNode> sinkNodes = new ArrayList<>();
    private final List<LatencyRecorder> latencies = new ArrayList<>();
    private final Set<String> participants = new LinkedHashSet<>();
    private final List<OperatorHost> timedOperators = new ArrayList<>();
    private final Map<Integer, SinkNode> sinkByPartition = new java.util.HashMap<>();
    private FanIn sinkFanIn;
    /** Instances of each keyed stateful operator. */
    private final int parallelism;
    private boolean anyExchange;
    /** The index (in {@link #partitions}) of the source partition whose task's chain is being built; -1 for a fan-in's. */
    private int buildingPartition = -1;
    /** The keyed operator whose instances run in the source partitions' tasks ({@link #colocates}), once chosen. */
    private PlanNode colocatedNode;

    /** The first instance of an operator, created to learn whether it is stateful, and used if it runs alone. */
    private record Probe(OperatorHost host, Operator<Object, Object> operator) {
    }

    /** Where several upstream instances merge: a task reading rings, or a join on the driver thread. */
    private final class FanIn {
        final String name;
        final WatermarkMerge merge = new WatermarkMerge();
        final List<RecordRing> rings = new ArrayList<>();
        final List<Downstream> ringTargets = new ArrayList<>();
        final List<String> chain = new ArrayList<>();
        AlignedMarkers head;
        Downstream[] recordTargets; // per side
        MarkerJoin join;
        /** The source partition whose task runs this fan-in, or -1 when it has a task of its own. */
        int colocatedPartition = -1;
        /** Its input from that partition's own chain, on the same thread; a {@code null} ring in {@link #rings}. */
        LocalInput local;
        /** The ring inputs, once the task is built. */
        final List<TaskInput> ringInputs = new ArrayList<>();

        FanIn(String name) {
            this.name = name;
        }

        void finish(AlignedMarkers head, Downstream... recordTargets) {
            this.head = head;
            this.recordTargets = recordTargets;
            if (!env.threadBoundaries()) {
                join = new MarkerJoin(head);
            }
        }

        /** The aligned inputs of the fan-in's task: its rings, and the input from the same thread if it shares one. */
        List<TaskInput> taskInputs() {
            MarkerAligner aligner = new MarkerAligner(rings.size(), head);
            for (int i = 0; i < rings.size(); i++) {
                if (rings.get(i) == null) {
                    local.bind(aligner, i);
                } else {
                    ringInputs.add(new RingInput(rings.get(i), i, aligner, ringTargets.get(i)));
                }
            }
            return ringInputs;
        }

        /** Polls the ring inputs once each, while a publisher of the same thread waits for room in a full ring. */
        int pollRings() {
            int work = 0;
            for (TaskInput input : ringInputs) {
                work += input.poll(env.config().pollBatch());
            }
            return work;
        }

        String describe() {
            String inputs = rings.stream().map(r -> r == null ? "the source partition on this thread"
                    : "ring '" + r.name() + "' (" + r.capacity() + " slots)").reduce((a, b) -> a + " + " + b).orElse("");
            return inputs + " -> " + String.join(" -> ", chain);
        }
    }

    PipelineBuilder(LogicalPlan plan, Map<SourceNode, StreamSource<?>> sources, StreamSink<Object> sink, SinkSetup sinkSetup,
                    OutputMode outputMode, Environment env) {
        this.plan = plan;
        this.sources = sources;
        this.sink = sink;
        this.sinkSetup = sinkSetup;
        this.outputMode = outputMode;
        this.env = env;
        int sourcePartitions = sources.values().stream().mapToInt(StreamSource::partitions).sum();
        this.parallelism = env.config().effectiveParallelism(sourcePartitions);
    }

    /** Key of a source partition in commit records: plan id, format, partition. */
    static String sourceKey(LogicalPlan plan, SourceNode node, StreamSource<?> source, int partition) {
        return plan.id(node) + "-" + source.format() + "/" + partition;
    }

    /** Id of an operator in commit records and the journal. */
    static String operatorId(LogicalPlan plan, PlanNode node) {
        String name = node instanceof TransformNode t ? t.name() : node instanceof BinaryNode b ? b.name()
                : node instanceof WatermarkNode ? "withWatermark" : "union";
        return plan.id(node) + "-" + name;
    }

    /** The key of sink partition {@code partition} in acknowledgements. */
    static String sinkKey(int partition) {
        return "sink/" + partition;
    }

    Pipeline build() {
        List<SourceInput> sourceInputs = new ArrayList<>();
        for (SourceNode node : plan.sources()) {
            @SuppressWarnings("unchecked")
            StreamSource<Object> source = (StreamSource<Object>) sources.get(node);
            for (int p = 0; p < source.partitions(); p++) {
                String key = sourceKey(plan, node, source, p);
                participants.add(Participants.source(key));
                List<String> chain = new ArrayList<>();
                chain.add("source " + key);
                buildingPartition = partitions.size();
                ChainEmitter emitter = new ChainEmitter(downstreamOf(node, p, chain));
                buildingPartition = -1;
                long batchLimit = Math.max(1, source.maxRecordsPerTrigger() / source.partitions());
                SourcePartition partition = new SourcePartition(key, source.openPartition(p, env.committedOffsets().get(key),
                        new SourceContext(key, env.checkpointLocation())), emitter, String.join(" -> ", chain), batchLimit);
                partitions.add(partition);
                if (env.threadBoundaries()) {
                    FanIn colocated = colocatedFanIn(partitions.size() - 1);
                    sourceInputs.add(new SourceInput(key, partition.reader(), emitter, env.clock(), env.listener(), env.firstEpoch(),
                            env.catchUp(), partitions.size() - 1, env.replay().getOrDefault(key, EpochReplay.NONE),
                            colocated == null ? () -> false : colocated.local::isHeld));
                }
            }
        }
        for (int p = 0; p < sourceInputs.size(); p++) {
            tasks.add(sourceTask(p, sourceInputs.get(p)));
        }
        for (FanIn fanIn : fanInOrder) {
            if (fanIn.join == null && fanIn.colocatedPartition < 0) {
                tasks.add(fanInTask(fanIn));
            }
        }
        if (!env.threadBoundaries()) {
            latencies.add(new LatencyRecorder()); // micro-batch latency runs to the batch's end: the driver records it
        }
        String exchange = anyExchange ? "Keyed operators: " + parallelism + " instances each behind a key-partitioned exchange"
                + " (parallelism " + (env.config().parallelism() > 0 ? "set" : "chosen for "
                + Runtime.getRuntime().availableProcessors() + " cores") + "), state in " + env.config().keyGroups()
                + " key groups" : "Keyed operators: 1 instance each, no exchange (parallelism 1), state in "
                + env.config().keyGroups() + " key groups";
        return new Pipeline(List.copyOf(tasks), List.copyOf(partitions), List.copyOf(sinkNodes), List.copyOf(latencies),
                Set.copyOf(participants), exchange, List.copyOf(timedOperators));
    }

    private Task fanInTask(FanIn fanIn) {
        return new Task(fanIn.name, fanIn.taskInputs(), fanIn.describe(), env.config().pollBatch(), env.onFailure());
    }

    /** The task of source partition {@code partition}, with the rings of the fan-in it runs, if it runs one. */
    private Task sourceTask(int partition, SourceInput input) {
        SourcePartition source = partitions.get(partition);
        FanIn colocated = colocatedFanIn(partition);
        if (colocated == null) {
            return new Task("source-" + source.key(), List.of(input), source.chain(), env.config().pollBatch(), env.onFailure());
        }
        List<TaskInput> inputs = new ArrayList<>();
        inputs.add(input);
        inputs.addAll(colocated.taskInputs());
        return new Task("source-" + source.key(), inputs, source.chain() + "; and " + colocated.describe(),
                env.config().pollBatch(), env.onFailure());
    }

    private FanIn colocatedFanIn(int partition) {
        if (colocatedNode == null) {
            return null;
        }
        FanIn fanIn = fanIns.get(colocatedNode)[partition];
        return fanIn != null && fanIn.colocatedPartition == partition ? fanIn : null;
    }

    /**
     * Whether the instances of {@code node} run in the tasks of the source partitions, instance {@code i} in partition
     * {@code i}'s: the first keyed operator behind an exchange, fed by a chain fused into the partitions of the
     * query's one source, which has as many partitions as there are instances. Each record then crosses a thread
     * only when another partition's instance owns its key, and the query has one thread per partition where it had
     * two, which on a machine with as many cores as partitions lets every task spin instead of yield (the
     * exchange's hand-off costs a cache-line transfer instead of a scheduler's turn). Continuous mode only: micro-batch
     * mode has no tasks.
     *
     * <p>Only when nothing after the operator crosses a ring (a partitioned sink fused into each instance, no later
     * fan-in): a task then publishes only into the exchange's rings, and while one is full it takes records from its
     * own inbound rings, so two tasks cannot wait on each other. A later ring would be a wait in which the task
     * cannot do that (it is inside its instance's emit), and that ring's consumer, holding it at a marker until
     * the other task's instance delivers its own, could wait for a task itself stuck on a full exchange ring.
     */
    private boolean colocates(PlanNode node) {
        if (colocatedNode != null) {
            return colocatedNode == node;
        }
        boolean colocates = env.threadBoundaries() && node instanceof TransformNode t && exchanged(t)
                && plan.sources().size() == 1 && sources.get(plan.sources().get(0)).partitions() == parallelism
                && fusedFromSource(t.input()) && !crossesRingAfter(t);
        if (colocates) {
            colocatedNode = node;
        }
        return colocates;
    }

    /** Whether records leaving {@code node}'s instances cross a ring on their way to the sink. */
    private boolean crossesRingAfter(PlanNode node) {
        List<PlanNode> consumers = plan.consumers(node);
        if (consumers.isEmpty()) {
            return sink.runsOnOwnThread() || !sink.supportsPartitions() && instances(node) > 1;
        }
        for (PlanNode consumer : consumers) {
            if (fansIn(consumer) || crossesRingAfter(consumer)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every instance of {@code node} runs in the chain of a source partition, with no fan-in on the way. */
    private boolean fusedFromSource(PlanNode node) {
        if (node instanceof SourceNode) {
            return true;
        }
        if (node instanceof WatermarkNode w) {
            return fusedFromSource(w.input());
        }
        return node instanceof TransformNode t && !fansIn(t) && fusedFromSource(t.input());
    }

    // ---- how many instances each node has

    private int instances(PlanNode node) {
        Integer known = instances.get(node);
        if (known != null) {
            return known;
        }
        int n;
        if (node instanceof SourceNode s) {
            n = sources.get(s).partitions();
        } else if (node instanceof WatermarkNode w) {
            n = instances(w.input());
        } else if (node instanceof TransformNode t) {
            n = exchanged(t) ? parallelism : probe(t).host().stateful() ? 1 : instances(t.input());
        } else if (node instanceof BinaryNode b) {
            n = exchanged(b) ? parallelism : 1;
        } else {
            n = 1; // a union merges into one instance
        }
        instances.put(node, n);
        return n;
    }

    /** Whether records entering {@code node} from its inputs pass a fan-in. */
    private boolean fansIn(PlanNode node) {
        return node instanceof UnionNode || node instanceof BinaryNode
                || node instanceof TransformNode t && (exchanged(t) || instances(t) == 1 && instances(t.input()) > 1);
    }

    /** Whether {@code node} is keyed: its state is split into key groups, whatever its parallelism. */
    private static boolean keyed(PlanNode node) {
        return LogicalPlan.keyed(node);
    }

    /** Whether records reach {@code node} through a key-partitioned exchange: a keyed stateful operator, several instances. */
    private boolean exchanged(TransformNode node) {
        return parallelism > 1 && keyed(node) && probe(node).host().stateful();
    }

    /**
     * Whether records reach a two-input operator through an exchange of each input: a keyed one, several instances.
     * Its statefulness is not asked: a keyed two-input operator is a join, and routing both inputs by key is what
     * lets a stateless one run in parallel too.
     */
    private boolean exchanged(BinaryNode node) {
        return parallelism > 1 && node.keyed();
    }

    /**
     * Whether the instances of {@code node} pass on the watermark of a {@code withWatermark}, whose instances
     * combine by the largest; any other stream's partitions combine by the smallest.
     */
    private boolean carriesEventTimeWatermark(PlanNode node) {
        if (node instanceof WatermarkNode) {
            return true;
        }
        return node instanceof TransformNode t && !fansIn(t) && carriesEventTimeWatermark(t.input());
    }

    @SuppressWarnings("unchecked")
    private Probe probe(TransformNode node) {
        return probes.computeIfAbsent(node, n -> {
            OperatorHost host = host(n, 0, 1, 1);
            Operator<Object, Object> operator = (Operator<Object, Object>) n.factory().create(host);
            host.bind(operator);
            return new Probe(host, operator);
        });
    }

    private OperatorHost host(PlanNode node, int instance, int parallelism, int inputs) {
        String id = operatorId(plan, node);
        String stateId = keyed(node) ? StatePlacement.instanceStateId(id, instance, parallelism) : id;
        OperatorHost host = new OperatorHost(id, stateId, outputMode, !env.threadBoundaries(), instance, parallelism, inputs,
                env.firstEpoch(), env.clock(), env.listener());
        host.watermarkDelayMillis(plan.watermarkDelayMillis(node));
        return host;
    }

    // ---- chains

    /** Where the output of instance {@code instance} of {@code node} goes. */
    private Downstream downstreamOf(PlanNode node, int instance, List<String> chain) {
        List<PlanNode> consumers = plan.consumers(node);
        if (consumers.isEmpty()) {
            return sinkEntry(node, instance, chain);
        }
        if (consumers.size() == 1) {
            return entry(consumers.get(0), node, instance, 0, chain);
        }
        chain.add("fan-out(" + consumers.size() + ")");
        Downstream[] branches = new Downstream[consumers.size()];
        for (int i = 0; i < branches.length; i++) {
            // A node feeding both sides of a two-input operator appears twice among its consumers: first left, then right.
            int side = i > 0 && consumers.get(i - 1) == consumers.get(i) ? 1 : 0;
            branches[i] = entry(consumers.get(i), node, instance, side, chain);
        }
        return new Fanout(branches);
    }

    /** What instance {@code instance} of {@code from} calls to deliver into {@code node}: the node, or a way into its fan-in. */
    private Downstream entry(PlanNode node, PlanNode from, int instance, int occurrence, List<String> chain) {
        if (!fansIn(node)) {
            return chainFrom(node, instance, chain);
        }
        if (node instanceof TransformNode t && exchanged(t)) {
            return exchange(t, t.keyFn(), from, 0, chain);
        }
        int side = node instanceof BinaryNode b && (b.left() != from || occurrence == 1) ? 1 : 0;
        if (node instanceof BinaryNode b && exchanged(b)) {
            return exchange(b, b.keyOf(side), from, side, chain);
        }
        return into(fanIn(node, 0), from, side, chain, () -> 0);
    }

    /**
     * The exchange at the end of an upstream instance's chain, with a way into every instance of {@code node}.
     *
     * @param keyFn the key of the records coming from {@code from}
     * @param side  the input of {@code node} they are: 0, or 1 for the second input of a two-input operator
     */
    private Downstream exchange(PlanNode node, Function<Object, Object> keyFn, PlanNode from, int side,
                                List<String> chain) {
        anyExchange = true;
        Downstream[] targets = new Downstream[parallelism];
        List<String> ways = new ArrayList<>();
        // This thread's own instance, when the instances share the source partitions' tasks: while a ring to another
        // instance is full, the thread keeps taking records from the rings into its own, or the two would deadlock.
        FanIn own = buildingPartition >= 0 && colocates(node) ? fanIn(node, buildingPartition) : null;
        for (int i = 0; i < parallelism; i++) {
            List<String> way = new ArrayList<>();
            targets[i] = into(fanIn(node, i), from, side, way, own == null ? () -> 0 : own::pollRings);
            ways.addAll(way);
        }
        chain.add("exchange by key to " + parallelism + " instances [" + String.join(", ", ways) + "]");
        return new KeyExchange(keyFn, operatorId(plan, node), new KeyGroups(env.config().keyGroups()), targets);
    }

    private FanIn fanIn(PlanNode node, int instance) {
        FanIn[] known = fanIns.computeIfAbsent(node, n -> new FanIn[instances(n)]);
        FanIn fanIn = known[instance];
        if (fanIn != null) {
            return fanIn;
        }
        fanIn = new FanIn("fanin-" + operatorId(plan, node) + (known.length > 1 ? "[" + instance + "]" : ""));
        known[instance] = fanIn;
        fanInOrder.add(fanIn);
        if (colocates(node)) {
            fanIn.colocatedPartition = instance;
        }
        int building = buildingPartition;
        buildingPartition = -1; // the fan-in's chain is its own, wherever it runs
        if (node instanceof BinaryNode b) {
            TwoInputNode twoInput = twoInput(b, instance, fanIn);
            fanIn.finish(twoInput, twoInput.left(), twoInput.right());
        } else {
            Downstream records = node instanceof UnionNode ? unionChain(node, fanIn.chain) : chainFrom(node, instance, fanIn.chain);
            fanIn.finish(new MergingHead(records, fanIn.merge), records);
        }
        buildingPartition = building;
        return fanIn;
    }

    private Downstream unionChain(PlanNode union, List<String> chain) {
        chain.add("union");
        return downstreamOf(union, 0, chain);
    }

    /**
     * An input into a fan-in: a new ring to its task, the shared join, or the direct way in when the fan-in runs on
     * this chain's thread.
     *
     * @param whileFull what the publisher's thread polls while the ring is full (see {@link RingPublisher})
     */
    private Downstream into(FanIn target, PlanNode from, int side, List<String> chain, IntSupplier whileFull) {
        target.merge.addInput(from, carriesEventTimeWatermark(from), side);
        Downstream records = target.recordTargets[side];
        if (!env.threadBoundaries()) {
            chain.add("join " + target.name);
            return target.join.addInput(records);
        }
        if (target.colocatedPartition >= 0 && target.colocatedPartition == buildingPartition) {
            target.local = new LocalInput(records);
            target.rings.add(null);
            target.ringTargets.add(records);
            chain.add(target.name + " on this thread");
            return target.local;
        }
        RecordRing ring = new RecordRing(target.name + "#" + target.rings.size(), env.config().ringSize());
        target.rings.add(ring);
        target.ringTargets.add(records);
        chain.add("ring '" + ring.name() + "'");
        return new RingPublisher(ring, env.running(), whileFull);
    }

    @SuppressWarnings("unchecked")
    private Downstream chainFrom(PlanNode node, int instance, List<String> chain) {
        if (node instanceof WatermarkNode w) {
            chain.add("withWatermark");
            String id = operatorId(plan, w);
            EventTimeWatermarkNode watermark = new EventTimeWatermarkNode(id, w.eventTime(), w.delayMillis(),
                    downstreamOf(w, instance, chain), env.listener());
            Long restored = env.committedWatermarks().get(id);
            if (restored != null) {
                watermark.restoreWatermark(restored);
            }
            return watermark;
        }
        TransformNode t = (TransformNode) node;
        int parallelism = instances(t);
        Probe probe = probe(t);
        OperatorHost host;
        Operator<Object, Object> operator;
        if (instance == 0 && parallelism == 1) {
            host = probe.host();
            operator = probe.operator();
        } else { // a stateless operator fused into each of several instances: the probe stays unused
            host = host(t, instance, parallelism, 1);
            operator = (Operator<Object, Object>) t.factory().create(host);
            host.bind(operator);
        }
        chain.add(keyed(t) ? instanceName(t.name(), instance, parallelism) : t.name());
        Downstream next = downstreamOf(t, instance, chain);
        connect(host, next, keyed(t) ? ownedGroups(instance, parallelism) : null);
        return new OperatorNode(operator, host, next);
    }

    @SuppressWarnings("unchecked")
    private TwoInputNode twoInput(BinaryNode node, int instance, FanIn fanIn) {
        int parallelism = instances(node);
        OperatorHost host = host(node, instance, parallelism, 2);
        TwoInputOperator<Object, Object, Object> operator = (TwoInputOperator<Object, Object, Object>) node.factory().create(host);
        host.bind((BoundaryCallbacks<Object>) (BoundaryCallbacks<?>) operator);
        fanIn.chain.add(instanceName(node.name(), instance, parallelism));
        Downstream next = downstreamOf(node, instance, fanIn.chain);
        connect(host, next, node.keyed() ? ownedGroups(instance, parallelism) : null);
        return new TwoInputNode(operator, host, next, fanIn.merge);
    }

    /** How a keyed operator's instance is shown in plans: with its number and groups when there are several. */
    private String instanceName(String name, int instance, int instances) {
        return instances > 1 ? name + " [instance " + instance + ", " + ownedGroups(instance, instances) + "]" : name;
    }

    private KeyGroups.Range ownedGroups(int instance, int instances) {
        return new KeyGroups(env.config().keyGroups()).rangeOf(instance, instances);
    }

    /**
     * Connects a host to the rest of its chain, restoring its states and watermark from the last commit.
     *
     * @param owned the key groups the instance owns, for a keyed operator; {@code null} otherwise
     */
    private void connect(OperatorHost host, Downstream next, KeyGroups.Range owned) {
        if (host.usesTimers()) {
            timedOperators.add(host);
        }
        List<OperatorHost.CheckpointedState> states = new ArrayList<>();
        for (String stateId : host.stateNames()) {
            OperatorState state = host.state(stateId);
            StatePlacement placement = new StatePlacement(stateId, host.operatorId(), stateId.endsWith(OperatorHost.TIMERS_SUFFIX),
                    owned);
            states.add(new OperatorHost.CheckpointedState(stateId, state, env.checkpointers().apply(placement, state)));
            participants.add(Participants.state(stateId));
        }
        Long watermark = env.committedWatermarks().get(host.operatorId());
        if (watermark != null && !states.isEmpty()) {
            host.restoreWatermark(watermark);
        }
        host.connect(next, states);
    }

    // ---- the sink

    private Downstream sinkEntry(PlanNode root, int instance, List<String> chain) {
        boolean ownThread = env.threadBoundaries() && sink.runsOnOwnThread();
        int feeding = instances(root);
        if (!ownThread && sink.supportsPartitions()) {
            chain.add("sink " + sink.description() + (feeding > 1 ? " [partition " + instance + "]" : ""));
            return sinkNode(instance, feeding);
        }
        if (!ownThread && feeding == 1) {
            chain.add("sink " + sink.description());
            return sinkNode(0, 1);
        }
        if (sinkFanIn == null) {
            sinkFanIn = new FanIn("sink-" + sink.format());
            fanInOrder.add(sinkFanIn);
            sinkFanIn.chain.add("sink " + sink.description());
            SinkNode node = sinkNode(0, 1);
            sinkFanIn.finish(new MergingHead(node, sinkFanIn.merge), node);
        }
        return into(sinkFanIn, root, 0, chain, () -> 0);
    }

    private SinkNode sinkNode(int partition, int partitionCount) {
        return sinkByPartition.computeIfAbsent(partition, p -> {
            SinkSetup setup = new SinkSetup(sinkSetup.queryName(), sinkSetup.outputMode(), p, partitionCount,
                    sinkSetup.firstEpoch(), sinkSetup.checkpointLocation(), sinkSetup.exactlyOnce());
            // Micro-batch latency runs to the end of the batch, so the batch driver records it, not the sink.
            LatencyRecorder latency = env.threadBoundaries() ? new LatencyRecorder() : null;
            if (latency != null) {
                latencies.add(latency);
            }
            SinkNode node = new SinkNode(sinkKey(p), sink.open(setup), latency, env.listener(), p, sinkSetup.firstEpoch(),
                    env.committedSinkSequences().getOrDefault(sinkKey(p), 0L));
            sinkNodes.add(node);
            participants.add(Participants.sink(node.sinkKey()));
            return node;
        });
    }
}
