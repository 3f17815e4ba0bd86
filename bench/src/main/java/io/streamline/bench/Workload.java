package io.streamline.bench;

import io.streamline.engine.OutputMode;
import io.streamline.engine.config.EngineConfig;

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
        RunningWorkload start(RunnerOptions options) {
            return RawRingHop.start(options.rate(), options.idle(), EngineConfig.DEFAULT_RING_SIZE, generatedValues());
        }
    },
    /** generator -> map -> filter -> sink. */
    STATELESS("stateless") {
        @Override
        RunningWorkload start(RunnerOptions options) {
            ValuePool mapped = mappedValues();
            // The filter keeps every record (so delivered == generated) but is still evaluated per record.
            return QueryWorkload.start(label, options, generated -> generated.map(mapped::at).filter(v -> v >= 0),
                    OutputMode.APPEND);
        }
    },
    /** generator -> map -> running count over {@value #KEYS} keys -> sink, in update mode. */
    KEYED_COUNT("keyed-count") {
        @Override
        RunningWorkload start(RunnerOptions options) {
            ValuePool mapped = mappedValues();
            ValuePool keys = new ValuePool(KEYS, i -> i);
            return QueryWorkload.start(label, options, generated -> generated.map(mapped::at).groupByKey(keys::at).count(),
                    OutputMode.UPDATE);
        }
    };

    /** Distinct generated objects: enough to defeat trivial caching, few enough to stay in cache. */
    static final int POOL_SIZE = 4096;
    /** Distinct keys of the keyed count. */
    static final int KEYS = 1_000;

    final String label;

    Workload(String label) {
        this.label = label;
    }

    /** Starts the load; it runs until the returned workload is closed. */
    abstract RunningWorkload start(RunnerOptions options);

    /** What the generator emits: record {@code k} is the pooled value {@code k mod POOL_SIZE}. */
    static ValuePool generatedValues() {
        return new ValuePool(POOL_SIZE, i -> i);
    }

    /** What the map turns value {@code v} into: another pooled object, chosen by index, so mapping allocates nothing. */
    private static ValuePool mappedValues() {
        return new ValuePool(POOL_SIZE, i -> 3 * i);
    }

    /** The workloads named by {@code name}: one label, or {@code all} for every workload in declaration order. */
    static List<Workload> parse(String name) {
        if (name.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(values()).filter(w -> w.label.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--workload: unknown workload '" + name + "'; accepted: "
                        + Arrays.stream(values()).map(w -> w.label).collect(Collectors.joining(", ")) + ", all"));
    }
}
