package io.streamline.operators.dstream;

import io.streamline.engine.DataStream;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.StreamingQueryException;
import io.streamline.engine.Trigger;
import io.streamline.engine.clock.BatchClock;
import io.streamline.engine.clock.ManualClock;
import io.streamline.engine.config.Options;
import io.streamline.engine.connector.Connectors;
import io.streamline.engine.source.StreamSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The entry point of the DStream API, as Spark Streaming's {@code StreamingContext}/{@code JavaStreamingContext}: a
 * batch interval, input DStreams, and the lifecycle ({@link #start()}, {@link #awaitTermination()},
 * {@link #stop(boolean)}). Everything defined on it runs as one micro-batch query of the engine
 * ({@link Trigger#batchGrid}: a batch at every multiple of the interval on the context's clock, with or without
 * data), so batches commit exactly once, state and windows are checkpointed with every batch, and the query's progress
 * reports, latency and live page are the engine's.
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext(engine, Duration.ofSeconds(1));
 * ssc.socketTextStream("localhost", 9999)
 *    .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *    .mapToPair(word -> new Tuple2<>(word, 1))
 *    .reduceByKey(Integer::sum)
 *    .print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 *
 * <p>Recovery: {@link #getOrCreate} builds the context with the application's function every time (functions are
 * code, not data) and, when the checkpoint directory already holds a checkpoint, the started context resumes from it:
 * the restored state and windows, the batch that was planned but not committed re-run with exactly its input, then the
 * batch times missed while the application was down.
 */
public final class StreamingContext {
    private static final Duration BATCH_WAIT = Duration.ofSeconds(60);

    private final StreamEngine engine;
    private final Duration batchInterval;
    private final BatchClock clock;
    private final DStreamGraph graph;
    private final RateController rates;
    private final String queryName = "dstream-" + UUID.randomUUID();
    private String checkpointDir;
    private boolean recovered;
    private volatile ContextState state = ContextState.INITIALIZED;
    private StreamingQuery query;
    private OutputDispatcher dispatcher;
    private BatchCompletions completions;
    private final List<StreamingListener> listeners = new ArrayList<>();

    /** A context running batches every {@code batchInterval} on the wall clock. */
    public StreamingContext(StreamEngine engine, Duration batchInterval) {
        this(engine, batchInterval, BatchClock.SYSTEM);
    }

    /**
     * A context running batches every {@code batchInterval} on {@code clock}; with a {@link ManualClock} a batch runs
     * only when the application advances the clock to its time ({@link #advanceBatches}), for tests and examples.
     */
    public StreamingContext(StreamEngine engine, Duration batchInterval, BatchClock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (batchInterval == null || batchInterval.toMillis() <= 0 || batchInterval.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the batch interval must be a positive whole number of milliseconds, e.g. "
                    + "Duration.ofSeconds(1); got " + batchInterval);
        }
        this.batchInterval = batchInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.graph = new DStreamGraph(batchInterval.toMillis());
        this.rates = new RateController(clock, batchInterval.toMillis());
    }

    /**
     * Spark's {@code StreamingContext.getOrCreate}: the context {@code creatingFunction} builds, checkpointing to
     * {@code checkpointDir} (set by the function, or here if it set none). If the directory already holds a checkpoint
     * the context resumes from it when started ({@link #recoveredFromCheckpoint()} is then true); the function must
     * build the same graph, or start() refuses the checkpoint, naming what differs.
     */
    public static StreamingContext getOrCreate(String checkpointDir, Supplier<StreamingContext> creatingFunction) {
        boolean existing = Files.exists(Path.of(checkpointDir, "metadata"));
        StreamingContext ssc = creatingFunction.get();
        if (ssc.checkpointDir == null) {
            ssc.checkpoint(checkpointDir);
        } else if (!sameDirectory(ssc.checkpointDir, checkpointDir)) {
            throw new IllegalArgumentException("getOrCreate(" + checkpointDir + ", ...): the creating function set another "
                    + "checkpoint directory, " + ssc.checkpointDir + "; set the same one, or none");
        }
        ssc.recovered = existing;
        return ssc;
    }

    private static boolean sameDirectory(String a, String b) {
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }

    /**
     * Checkpoints to {@code directory}: state, windows, input offsets and the commit log, so that a restart resumes
     * where the last committed batch left off. Without it, a temporary directory is used and deleted at the end, and
     * stateful operations ({@code updateStateByKey}, {@code mapWithState}, incremental windows) are refused at start.
     */
    public void checkpoint(String directory) {
        checkInitialized("checkpoint");
        this.checkpointDir = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Spark's {@code remember(duration)}: every DStream that an output operation depends on keeps its batches for at
     * least {@code duration} (rounded up to a multiple of its slide), for {@link DStream#slice}. Remembered batches
     * are checkpointed with the state, as windows' are, so a restarted context can still slice the batches before the
     * restart; the duration is part of the graph a checkpoint was written by. Set it once, before {@link #start()}.
     */
    public void remember(Duration duration) {
        checkInitialized("remember");
        if (duration == null || duration.toMillis() <= 0) {
            throw new IllegalArgumentException("remember needs a positive duration, e.g. Duration.ofMinutes(1); got " + duration);
        }
        graph.remember(duration.toMillis());
    }

    /**
     * Spark's {@code spark.streaming.kafka.maxRatePerPartition} and {@code spark.streaming.receiver.maxRate}: each
     * batch reads at most {@code recordsPerSecond} times the batch interval (in seconds) records, at least 1, from
     * each partition of the inputs made from a source ({@link #socketTextStream}, {@link #queueStream},
     * {@link #inputStream(StreamSource)}); what a burst brings beyond that waits in the source for the next batches.
     * File streams are not limited, as in Spark, nor is a {@link #inputStream(DataStream) DataStream} input (give
     * its source the engine's {@code maxRecordsPerTrigger} option, or pass the source itself). Set before
     * {@link #start()}; with {@link #backpressure} the smaller of both limits applies.
     */
    public void maxRatePerPartition(long recordsPerSecond) {
        checkInitialized("maxRatePerPartition");
        if (recordsPerSecond <= 0) {
            throw new IllegalArgumentException("maxRatePerPartition must be a positive number of records per second, got "
                    + recordsPerSecond);
        }
        rates.maxRatePerPartition(recordsPerSecond);
    }

    /**
     * Spark's {@code spark.streaming.backpressure.enabled}: the inputs that {@link #maxRatePerPartition} applies to
     * read at a rate estimated after every batch from its processing time and scheduling delay
     * ({@link Backpressure}), so that ingestion follows what the batches can process. Timing is taken on the
     * context's clock (on a {@link ManualClock}, the time the application moved it while a batch ran). Set before
     * {@link #start()}.
     */
    public void backpressure(Backpressure settings) {
        checkInitialized("backpressure");
        rates.backpressure(Objects.requireNonNull(settings, "settings (Backpressure.enabled())"));
    }

    /** Whether {@link #getOrCreate} found an existing checkpoint to resume from. */
    public boolean recoveredFromCheckpoint() {
        return recovered;
    }

    /** The batch interval. */
    public Duration batchDuration() {
        return batchInterval;
    }

    /** The clock batches run by. */
    public BatchClock clock() {
        return clock;
    }

    /** The engine the context runs on. */
    public StreamEngine engine() {
        return engine;
    }

    /** Where the context is in its life. */
    public ContextState getState() {
        return state;
    }

    /** The engine query running the context's batches, for its progress reports and plan; empty before start. */
    public java.util.Optional<StreamingQuery> query() {
        return java.util.Optional.ofNullable(query);
    }

    DStreamGraph graph() {
        return graph;
    }

    // ---- inputs

    /**
     * Lines of text from a TCP server, through the engine's socket source: every line goes to a write-ahead log under
     * the checkpoint before a batch takes it, so no received line is lost or counted twice after a crash.
     */
    public DStream<String> socketTextStream(String host, int port) {
        @SuppressWarnings("unchecked")
        StreamSource<String> socket = (StreamSource<String>) Connectors.source("socket",
                new Options("source 'socket'", Map.of("host", host, "port", Integer.toString(port))));
        return rateLimitedInput("socketTextStream(" + host + ":" + port + ")", socket);
    }

    /**
     * Lines of the text files in {@code directory}, through the engine's text source (files taken are logged under the
     * checkpoint). Unlike Spark's, files already in the directory at start are read too; move files in complete.
     */
    public DStream<String> textFileStream(String directory) {
        return inputStream("textFileStream(" + directory + ")", engine.readStream().text(directory));
    }

    /** {@link #queueStream(Queue, boolean)} taking one collection per batch. */
    public <T> DStream<T> queueStream(Queue<? extends Collection<? extends T>> queue) {
        return queueStream(queue, true);
    }

    /**
     * A stream fed from a queue of collections, for tests: each batch takes the next collection
     * ({@code oneAtATime}) or all queued ones. Batches without a queued collection are empty. Not recoverable after
     * the process ends, as in Spark.
     */
    public <T> DStream<T> queueStream(Queue<? extends Collection<? extends T>> queue, boolean oneAtATime) {
        return queueStream(queue, oneAtATime, List.of());
    }

    /**
     * Spark's {@code queueStream(queue, oneAtATime, defaultRDD)}: as {@link #queueStream(Queue, boolean)}, but a batch
     * that finds the queue empty reads {@code defaultBatch} (Spark's {@code defaultRDD}; empty for none).
     */
    public <T> DStream<T> queueStream(Queue<? extends Collection<? extends T>> queue, boolean oneAtATime,
                                      Collection<? extends T> defaultBatch) {
        QueueSource<T> source = new QueueSource<>(Objects.requireNonNull(queue, "queue"), oneAtATime,
                Objects.requireNonNull(defaultBatch, "defaultBatch (use an empty list for none)"));
        return rateLimitedInput("queueStream", source);
    }

    /** Any source of the engine (rate, journal, Kafka, a MemoryStream ...) as a DStream, within the rate limits. */
    public <T> DStream<T> inputStream(StreamSource<T> source) {
        return rateLimitedInput("inputStream(" + source.description() + ")", source);
    }

    /** An input read through {@link RateLimitedSource}, which the context's rate limits and backpressure govern. */
    private <T> DStream<T> rateLimitedInput(String name, StreamSource<T> source) {
        int index = graph.inputs().size();
        return inputStream(name, engine.readStream(new RateLimitedSource<>(source, rates, index)));
    }

    /** A stream of the engine (e.g. {@code engine.readStream().option(...).json(path)}) as a DStream. */
    public <T> DStream<T> inputStream(DataStream<T> stream) {
        return inputStream("inputStream", stream);
    }

    private <T> DStream<T> inputStream(String name, DataStream<T> stream) {
        if (stream.engine() != engine) {
            throw new IllegalArgumentException("the DataStream belongs to another StreamEngine than this StreamingContext's");
        }
        int index = graph.addInput(stream);
        return new DStream<>(this, new InputNode<>(graph, name, graph.batchMillis, index));
    }

    /** The elements of all {@code streams}, batch by batch; they must have the same slide duration. */
    public <T> DStream<T> union(List<DStream<T>> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("union needs at least one DStream");
        }
        List<Node<?>> nodes = new ArrayList<>();
        streams.forEach(s -> nodes.add(s.node));
        return new DStream<>(this, new UnionNode<>(graph, nodes));
    }

    // ---- listeners and the manual clock

    /** Adds a listener told of every completed batch. */
    public synchronized void addStreamingListener(StreamingListener listener) {
        listeners.add(listener);
        if (completions != null) {
            completions.addListener(listener);
        }
    }

    /**
     * Waits until the batch at {@code batchTime} (or a later one) completed: its outputs ran and it committed. Fails
     * if the context stops first (with the cause, if it failed) or {@code timeout} passes.
     */
    public void awaitBatchCompleted(Time batchTime, Duration timeout) throws InterruptedException {
        BatchCompletions c = completions;
        if (c == null) {
            throw new IllegalStateException("the StreamingContext has not been started");
        }
        c.await(batchTime.milliseconds(), timeout, () -> query.exception());
    }

    /**
     * With a {@link ManualClock}: advances it by one batch interval {@code batches} times, each time returning only once
     * the batch due then has completed, so tests and examples drive batches without sleeping. A context restarted on a
     * checkpoint continues the grid after its last batch: give it a clock at the time the previous run reached.
     *
     * @return the time of the last batch run
     */
    public Time advanceBatches(int batches) throws InterruptedException {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("advanceBatches needs a context on a ManualClock: "
                    + "new StreamingContext(engine, interval, new ManualClock()); this one runs on the " + clock);
        }
        if (state != ContextState.ACTIVE) {
            throw new IllegalStateException("advanceBatches needs a started StreamingContext; it is " + state);
        }
        long interval = batchInterval.toMillis();
        Time last = null;
        for (int i = 0; i < batches; i++) {
            manual.advance(interval);
            last = new Time(Math.floorDiv(manual.millis(), interval) * interval);
            awaitBatchCompleted(last, BATCH_WAIT);
        }
        return last;
    }

    // ---- lifecycle

    /**
     * Starts the batches. Fails, before anything runs, if the context was started or stopped before, has no output
     * operation, or uses a stateful operation without a checkpoint directory.
     */
    public synchronized void start() {
        if (state == ContextState.ACTIVE) {
            throw new IllegalStateException("StreamingContext has already been started");
        }
        if (state == ContextState.STOPPED) {
            throw new IllegalStateException("StreamingContext has already been stopped and cannot be started again; create a new one");
        }
        if (graph.outputs().isEmpty()) {
            throw new IllegalArgumentException("No output operations registered, so nothing to execute: "
                    + "add print(), foreachRDD(...) or saveAsTextFiles(...) to a DStream");
        }
        if (graph.inputs().isEmpty()) {
            throw new IllegalArgumentException("No input streams registered: create one with socketTextStream, textFileStream, "
                    + "queueStream or inputStream");
        }
        List<String> stateful = graph.neededNodes().stream().filter(Node::mustCheckpoint).map(n -> n.name).toList();
        if (!stateful.isEmpty() && checkpointDir == null) {
            throw new IllegalStateException("The checkpoint directory has not been set, and " + stateful + " keep state from batch "
                    + "to batch, which is checkpointed: call StreamingContext.checkpoint(directory) before start()");
        }
        if (checkpointDir != null) {
            GraphRecord.checkOrRecord(checkpointDir, graph.description());
        }
        graph.freeze();
        dispatcher = new OutputDispatcher(graph.outputs(), rates);
        completions = new BatchCompletions(dispatcher, queryName);
        listeners.forEach(completions::addListener);
        engine.streams().addListener(completions);
        var writer = taggedInputs().transform(graph.operatorName(), context -> new GraphOperator(graph, context))
                .writeStream().sink(new OutputSink(dispatcher)).queryName(queryName)
                .trigger(Trigger.batchGrid(batchInterval, clock));
        if (checkpointDir != null) {
            writer.option("checkpointLocation", checkpointDir);
        }
        try {
            query = writer.start();
        } catch (RuntimeException e) {
            engine.streams().removeListener(completions);
            throw e;
        }
        state = ContextState.ACTIVE;
    }

    /** Every input's records, tagged with the input's index, as one engine stream. */
    @SuppressWarnings("unchecked")
    private DataStream<GraphOperator.Tagged> taggedInputs() {
        List<DataStream<?>> inputs = graph.inputs();
        DataStream<GraphOperator.Tagged>[] tagged = new DataStream[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            tagged[i] = tag(inputs.get(i), i);
        }
        if (tagged.length == 1) {
            return tagged[0];
        }
        DataStream<GraphOperator.Tagged>[] rest = java.util.Arrays.copyOfRange(tagged, 1, tagged.length);
        return tagged[0].union(rest);
    }

    private static <T> DataStream<GraphOperator.Tagged> tag(DataStream<T> stream, int index) {
        return stream.map(value -> new GraphOperator.Tagged(index, value));
    }

    /** Waits until the context stops; rethrows what made it fail, if anything did. */
    public void awaitTermination() throws StreamingQueryException {
        started("awaitTermination").awaitTermination();
    }

    /**
     * Waits at most {@code timeoutMillis} for the context to stop.
     *
     * @return whether it stopped
     */
    public boolean awaitTerminationOrTimeout(long timeoutMillis) throws StreamingQueryException {
        return started("awaitTerminationOrTimeout").awaitTermination(timeoutMillis);
    }

    /** Stops at once: the batch in flight completes and commits; data received since stays for the next start. */
    public void stop() {
        stop(false);
    }

    /**
     * Stops the context (the engine keeps running). With {@code stopGracefully}, first waits until everything the
     * inputs had received by now was processed by the batches (on a {@link ManualClock} that needs the clock to be
     * advanced); otherwise the batch in flight completes and commits and the rest waits for the next start.
     */
    public void stop(boolean stopGracefully) {
        StreamingQuery running;
        synchronized (this) {
            if (state != ContextState.ACTIVE) {
                state = ContextState.STOPPED;
                return;
            }
            running = query;
        }
        try {
            if (stopGracefully && running.isActive()) {
                running.processAllAvailable();
            }
        } catch (StreamingQueryException e) {
            // It failed while draining: it is stopped, and the failure stays in query().exception() and awaitTermination().
        } finally {
            running.stop();
            engine.streams().removeListener(completions);
            state = ContextState.STOPPED;
        }
    }

    private StreamingQuery started(String call) {
        StreamingQuery q = query;
        if (q == null) {
            throw new IllegalStateException(call + " needs a started StreamingContext; it is " + state);
        }
        return q;
    }

    private void checkInitialized(String call) {
        if (state != ContextState.INITIALIZED) {
            throw new IllegalStateException(call + " is only allowed before start(); the StreamingContext is " + state);
        }
    }
}
