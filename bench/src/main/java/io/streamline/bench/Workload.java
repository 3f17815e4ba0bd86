package io.streamline.bench;

import io.streamline.engine.OutputMode;
import io.streamline.engine.config.EngineConfig;
import io.streamline.operators.ml.ModelRef;
import io.streamline.operators.ml.Scoring;
import io.streamline.operators.ml.ScoringModel;

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
            // Pools as large as the key space, so that every key is reached (3 is coprime with the pool size
            // whenever the key count is not a multiple of 3), still without allocating per record.
            int size = Math.max(POOL_SIZE, options.keys());
            ValuePool mapped = mappedValues(size);
            ValuePool keys = new ValuePool(options.keys(), i -> i);
            return QueryWorkload.start(label, options, mode, new ValuePool(size, i -> i),
                    generated -> generated.map(mapped::at).groupByKey(keys::at).count(), OutputMode.UPDATE);
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
    };

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

    final String label;

    Workload(String label) {
        this.label = label;
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
     * keyed-count); {@code scoring} for the stateless pipeline and the two scoring ones, to compare in one run.
     */
    static List<Workload> parse(String name) {
        if (name.equals("all")) {
            return List.of(RAW_RING, STATELESS, KEYED_COUNT);
        }
        if (name.equals("scoring")) {
            return List.of(STATELESS, SCORE_LOGISTIC, SCORE_ONNX);
        }
        return Arrays.stream(values()).filter(w -> w.label.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--workload: unknown workload '" + name + "'; accepted: "
                        + Arrays.stream(values()).map(w -> w.label).collect(Collectors.joining(", ")) + ", all, scoring"));
    }
}
