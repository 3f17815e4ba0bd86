package io.streamline.bench;

import io.streamline.engine.config.IdleMode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latency runner's command line, checked before anything runs.
 *
 * @param modes         the engine's execution modes to run, in order (the raw ring runs once, outside them)
 * @param workloads     what to run, in order
 * @param rate          records per second offered by the generator
 * @param seconds       length of the measured window
 * @param warmupSeconds load before the window, excluded from the figures
 * @param epochMs       continuous trigger interval of engine workloads
 * @param triggerMs     micro-batch trigger interval of engine workloads
 * @param keys          distinct keys of the keyed workloads as {@code --keys} gave them, 0 for each workload's default
 * @param sink          where engine workloads write: {@code noop} (nothing, the engine's path alone) or a file
 *                      format ({@code json}, {@code csv}), exactly once in micro-batch mode
 * @param idle          idle strategy of engine task threads and of the raw ring's consumer
 * @param json          where the results go; {@code .hgrm} files are written beside it
 * @param checkpointDir under which each engine run gets a fresh checkpoint directory (deleted after)
 * @param sweepRates    rates to try in turn instead of {@code rate}, ascending; empty for a single run
 * @param p99BoundUs    the sweep's bound: the highest rate whose p99 stays at or under it is the answer
 */
record RunnerOptions(List<Mode> modes, List<Workload> workloads, long rate, int seconds, int warmupSeconds, long epochMs,
                     long triggerMs, int keys, String sink, IdleMode idle, Path json, Path checkpointDir,
                     List<Long> sweepRates, long p99BoundUs) {
    /** The usage, shared with {@code bench/run.sh --help}, which prints the same file without starting Java. */
    static final String USAGE = Usage.text();

    private static final Set<String> REQUIRED = Set.of("--workload", "--seconds", "--json");
    private static final Set<String> KNOWN = Set.of("--mode", "--workload", "--rate", "--seconds", "--warmup",
            "--epoch-ms", "--trigger-ms", "--keys", "--sink", "--sweep", "--p99-bound-us", "--idle", "--checkpoint-dir", "--json");

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException naming the option at fault and what it accepts
     */
    static RunnerOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; accepted: " + String.join(" ", KNOWN));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        for (String required : REQUIRED) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        List<Long> sweep = sweepRates(values.get("--sweep"));
        if (sweep.isEmpty() && !values.containsKey("--rate")) {
            throw new IllegalArgumentException("--rate is required (or --sweep with a list of rates)");
        }
        RunnerOptions options = new RunnerOptions(
                Mode.parse(values.getOrDefault("--mode", "continuous")),
                Workload.parse(values.get("--workload")),
                sweep.isEmpty() ? positive(values, "--rate", null) : sweep.get(0),
                (int) positive(values, "--seconds", null),
                (int) positive(values, "--warmup", "10"),
                positive(values, "--epoch-ms", "100"),
                positive(values, "--trigger-ms", "100"),
                values.containsKey("--keys") ? (int) positive(values, "--keys", null) : 0,
                sink(values.getOrDefault("--sink", "noop")),
                IdleModeNames.parse(values.getOrDefault("--idle", "backoff")),
                Path.of(values.get("--json")),
                Path.of(values.getOrDefault("--checkpoint-dir", System.getProperty("java.io.tmpdir"))),
                sweep, positive(values, "--p99-bound-us", "1000"));
        if (!sweep.isEmpty() && (options.modes().size() != 1 || options.workloads().size() != 1)) {
            throw new IllegalArgumentException("--sweep runs one workload in one mode; got --workload "
                    + values.get("--workload") + " and --mode " + values.getOrDefault("--mode", "continuous"));
        }
        return options;
    }

    /** The same options at another rate, for one step of a sweep. */
    RunnerOptions withRate(long newRate) {
        return new RunnerOptions(modes, workloads, newRate, seconds, warmupSeconds, epochMs, triggerMs, keys, sink, idle,
                json, checkpointDir, sweepRates, p99BoundUs);
    }

    /** The key count a workload runs with: {@code --keys} if given, else the workload's own default. */
    int keysOr(int workloadDefault) {
        return keys > 0 ? keys : workloadDefault;
    }

    /** The idle strategy as the command line and the results name it: {@code backoff}, {@code busy-spin}, ... */
    String idleLabel() {
        return IdleModeNames.label(idle);
    }

    private static List<Long> sweepRates(String list) {
        if (list == null) {
            return List.of();
        }
        try {
            List<Long> rates = Arrays.stream(list.split(",")).map(String::trim).map(Long::parseLong).sorted().toList();
            if (rates.isEmpty() || rates.get(0) <= 0) {
                throw new NumberFormatException();
            }
            return rates;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep: expected positive rates separated by commas, got '" + list + "'");
        }
    }

    private static long positive(Map<String, String> values, String name, String fallback) {
        String text = values.getOrDefault(name, fallback);
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted form
        }
        throw new IllegalArgumentException(name + ": expected a positive integer, got '" + text + "'");
    }

    private static String sink(String name) {
        if (!Set.of("noop", "json", "csv").contains(name)) {
            throw new IllegalArgumentException("--sink: unknown sink '" + name + "'; accepted: noop, json, csv");
        }
        return name;
    }
}
