package io.streamline.bench;

import io.streamline.engine.OutputMode;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.sink.StreamSink;
import io.streamline.operators.ml.ModelRef;
import io.streamline.operators.ml.Scoring;
import io.streamline.operators.ml.ScoringModel;

import io.streamline.operators.Deduplicate;
import io.streamline.operators.join.StreamJoin;
import io.streamline.operators.window.Windows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The end-to-end workloads. All share the same open-loop generator and pooled values, so the only
 * difference between them is what sits between the generator and the latency recorder.
 */
enum Workload {
    /** One bare Disruptor hop between two threads: the floor. */
    RAW_RING("raw-ring") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return RawRingHop.start(options.rate(), options.idle(), EngineConfig.DEFAULT_RING_SIZE, generatedValues());
        }
    },
    /** generator -> map -> filter -> sink. */
    STATELESS("stateless") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            ValuePool mapped = mappedValues(POOL_SIZE);
            // The filter keeps every record (so delivered == generated) but is still evaluated per record.
            return QueryWorkload.start(label, options, mode, generatedValues(),
                    generated -> generated.map(mapped::at).filter(v -> v >= 0), OutputMode.APPEND);
        }
    },
    /** generator -> map -> running count over {@code --keys} keys (default 1,000) -> sink, in update mode. */
    KEYED_COUNT("keyed-count") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return keyedCount(label, options, mode, 1, 1);
        }
    },
    /**
     * {@code keyed-count} from a generator of 2 partitions at parallelism 1: both partitions' tasks feed the one
     * count instance through a fan-in (two rings into its thread).
     */
    KEYED_COUNT_2P("keyed-count-2p") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return keyedCount(label, options, mode, 2, 1);
        }
    },
    /**
     * {@code keyed-count} from a generator of 2 partitions at parallelism 2: each partition's task routes records by
     * key through the exchange to two count instances, each on a thread of its own (four rings).
     */
    KEYED_COUNT_2P_X2("keyed-count-2p-x2") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return keyedCount(label, options, mode, 2, 2);
        }
    },
    /**
     * {@code keyed-count-2p-x2} into a sink with one writer: the two count instances' results cross a ring each into
     * the sink's task (five threads), unboxed ({@code Envelope}'s long field), so the hop allocates nothing per record.
     */
    KEYED_COUNT_2P_X2_MERGED("keyed-count-2p-x2-merged") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return keyedCount(label, options, mode, 2, 2, new OneWriterNoopSink());
        }
    },
    /**
     * generator -> map -> score with the examples' fraud model as streamline's own logistic model (fused, features
     * written into the operator's buffer) -> filter -> sink: the stateless pipeline plus a model evaluation.
     */
    SCORE_LOGISTIC("score-logistic") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return scoring(label, options, mode, FraudModels.logistic());
        }
    },
    /** As {@code score-logistic}, with the same model exported to ONNX, through ONNX Runtime. */
    SCORE_ONNX("score-onnx") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return scoring(label, options, mode, FraudModels.onnx());
        }
    },
    /**
     * generator (event time = intended send time, watermark 1 s) -> sliding 10 s windows every 5 s counted over
     * {@code --keys} keys (default 10,000), update mode: every record's two changed windows go out as it arrives.
     */
    WINDOWED_COUNT("windowed-count") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return windowedCount(label, options, mode, OutputMode.UPDATE);
        }
    },
    /**
     * {@code windowed-count} in append mode: a window's rows go out once, when the watermark passes its end, so the
     * latency measured is the window close to emit delay ({@link #closeToEmit}).
     */
    WINDOWED_COUNT_APPEND("windowed-count-append", true) {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            return windowedCount(label, options, mode, OutputMode.APPEND);
        }
    },
    /**
     * generator (watermark 1 s) -> session windows with a 1 s gap over {@code --keys} keys (default 200,000, so that
     * at 100,000 rec/s a key's records are 2 s apart and every session closes), counted, append mode.
     */
    SESSION("session", true) {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            int keyCount = options.keysOr(SESSION_KEYS);
            ValuePool keys = new ValuePool(keyCount, i -> i);
            return QueryWorkload.start(label, options, mode, new ValuePool(Math.max(POOL_SIZE, keyCount), i -> i),
                    generated -> generated.withWatermark(Duration.ofSeconds(1)).groupByKey(keys::at)
                            .via(Windows.<Long, Long>session(Duration.ofSeconds(1))).count(), OutputMode.APPEND);
        }
    },
    /** generator (watermark 1 s) -> dropDuplicatesWithinWatermark over {@code --keys} keys, append mode. */
    DEDUP_WATERMARK("dedup-watermark") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            int keyCount = options.keysOr(DEFAULT_KEYS);
            ValuePool keys = new ValuePool(keyCount, i -> i);
            return QueryWorkload.start(label, options, mode, new ValuePool(Math.max(POOL_SIZE, keyCount), i -> i),
                    generated -> generated.withWatermark(Duration.ofSeconds(1)).via(Deduplicate.withinWatermark(keys::at)),
                    OutputMode.APPEND);
        }
    },
    /**
     * two generators of half the rate each (watermark 1 s) -> inner stream-stream join on the value within 5 s either
     * way, append mode. Both generators emit the same sequence from a pool covering 20 s of either input, so each row
     * matches the other input's row of the same position and no other.
     */
    STREAM_JOIN("stream-join") {
        @Override
        RunningWorkload start(RunnerOptions options, Mode mode) {
            int distinct = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(POOL_SIZE, options.rate() / 2 * 20));
            return QueryWorkload.startTwoInputs(label, options, mode, new ValuePool(distinct, i -> i),
                    (left, right) -> StreamJoin.of(left.withWatermark(Duration.ofSeconds(1)), (Long v) -> v,
                                    right.withWatermark(Duration.ofSeconds(1)), (Long v) -> v)
                            .within(Duration.ofSeconds(5), Duration.ofSeconds(5)).inner(), OutputMode.APPEND);
        }
    };

    /** The running count over {@code --keys} keys, from {@code partitions} generator partitions at {@code parallelism}. */
    private static RunningWorkload keyedCount(String label, RunnerOptions options, Mode mode, int partitions, int parallelism) {
        return keyedCount(label, options, mode, partitions, parallelism, null);
    }

    /** {@link #keyedCount(String, RunnerOptions, Mode, int, int)} into {@code sink}, or the {@code --sink} format if null. */
    private static RunningWorkload keyedCount(String label, RunnerOptions options, Mode mode, int partitions, int parallelism,
                                              StreamSink<Object> sink) {
        // Pools as large as the key space, so that every key is reached (3 is coprime with the pool size
        // whenever the key count is not a multiple of 3), still without allocating per record.
        int keyCount = options.keysOr(DEFAULT_KEYS);
        int size = Math.max(POOL_SIZE, keyCount);
        ValuePool mapped = mappedValues(size);
        ValuePool keys = new ValuePool(keyCount, i -> i);
        return QueryWorkload.start(label, options, mode, new ValuePool(size, i -> i), partitions, parallelism,
                generated -> generated.map(mapped::at).groupByKey(keys::at).count(), OutputMode.UPDATE, sink);
    }

    /** The windowed count over {@code --keys} keys (default 10,000) in {@code outputMode}. */
    private static RunningWorkload windowedCount(String label, RunnerOptions options, Mode mode, OutputMode outputMode) {
        int keyCount = options.keysOr(WINDOWED_KEYS);
        ValuePool keys = new ValuePool(keyCount, i -> i);
        return QueryWorkload.start(label, options, mode, new ValuePool(Math.max(POOL_SIZE, keyCount), i -> i),
                generated -> generated.withWatermark(Duration.ofSeconds(1)).groupByKey(keys::at)
                        .via(Windows.<Long, Long>sliding(Duration.ofSeconds(10), Duration.ofSeconds(5))).count(),
                outputMode);
    }

    /** The scoring pipeline: the score replaces nothing (the record passes on), so delivered == generated. */
    private static RunningWorkload scoring(String label, RunnerOptions options, Mode mode, ScoringModel model) {
        ValuePool mapped = mappedValues(POOL_SIZE);
        ModelRef<ScoringModel> ref = ModelRef.of(model);
        return QueryWorkload.start(label, options, mode, generatedValues(),
                generated -> generated.map(mapped::at)
                        .via(Scoring.score(ref, (Long v, double[] f) -> FraudModels.features(v, f),
                                (Long v, double score) -> score >= 0 ? v : null))
                        .filter(v -> v != null), OutputMode.APPEND);
    }

    /** Distinct generated objects: enough to defeat trivial caching, few enough to stay in cache. */
    static final int POOL_SIZE = 4096;
    /** Keys of the keyed workloads without a default of their own, when {@code --keys} is not given. */
    static final int DEFAULT_KEYS = 1_000;
    /** Keys of the windowed counts by default, as issue 13 has them. */
    static final int WINDOWED_KEYS = 10_000;
    /** Keys of the session workload by default: at 100,000 rec/s each key's records are 2 s apart, past the 1 s gap. */
    static final int SESSION_KEYS = 200_000;

    final String label;
    /**
     * Whether the workload's rows reach the sink only when the watermark closes a window (append mode): in continuous
     * mode, where the sink times every row it gets, what its latency measures is then the window close to emit delay,
     * from the epoch marker at which the window operator evicted the window under the epoch's watermark to the row at
     * the sink, not a record's latency from its send time. Micro-batch mode times every input record to the end of
     * its batch instead, whatever the batch emits, so there it stays a record latency.
     */
    final boolean closeToEmit;

    Workload(String label) {
        this(label, false);
    }

    Workload(String label, boolean closeToEmit) {
        this.label = label;
        this.closeToEmit = closeToEmit;
    }

    /** Starts the load; it runs until the returned workload is closed. */
    abstract RunningWorkload start(RunnerOptions options, Mode mode);

    /** What the generator emits: record {@code k} is the pooled value {@code k mod POOL_SIZE}. */
    static ValuePool generatedValues() {
        return new ValuePool(POOL_SIZE, i -> i);
    }

    /** What the map turns value {@code v} into: another pooled object, chosen by index, so mapping allocates nothing. */
    private static ValuePool mappedValues(int size) {
        return new ValuePool(size, i -> 3 * i);
    }

    /**
     * The workloads named by {@code name}: one label; {@code all} for the engine's own (raw-ring, stateless,
     * keyed-count); {@code scoring} for the stateless pipeline and the two scoring ones, to compare in one run;
     * {@code event-time} for the event-time operators' (windowed-count in update and append mode, session,
     * dedup-watermark, stream-join);
     * {@code parallel} for the keyed count fused, from 2 partitions at parallelism 1, and at parallelism 2; or a
     * comma-separated list of these, run in the order given.
     */
    static List<Workload> parse(String name) {
        if (name.contains(",")) { // a list, run in order in one invocation: e.g. keyed-count,windowed-count
            return Arrays.stream(name.split(",")).flatMap(part -> parse(part.trim()).stream()).toList();
        }
        if (name.equals("all")) {
            return List.of(RAW_RING, STATELESS, KEYED_COUNT);
        }
        if (name.equals("scoring")) {
            return List.of(STATELESS, SCORE_LOGISTIC, SCORE_ONNX);
        }
        if (name.equals("event-time")) {
            return List.of(WINDOWED_COUNT, WINDOWED_COUNT_APPEND, SESSION, DEDUP_WATERMARK, STREAM_JOIN);
        }
        if (name.equals("parallel")) {
            return List.of(KEYED_COUNT, KEYED_COUNT_2P, KEYED_COUNT_2P_X2);
        }
        return Arrays.stream(values()).filter(w -> w.label.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--workload: unknown workload '" + name + "'; accepted: "
                        + Arrays.stream(values()).map(w -> w.label).collect(Collectors.joining(", ")) + ", all, scoring, event-time, parallel"));
    }
}
