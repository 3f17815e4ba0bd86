package io.streamline.bench;

import io.streamline.engine.config.IdleMode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The latency runner's command line, checked before anything runs.
 *
 * @param workloads     what to run, in order
 * @param rate          records per second offered by the generator
 * @param seconds       length of the measured window
 * @param warmupSeconds load before the window, excluded from the figures
 * @param epochMs       continuous trigger interval of engine workloads
 * @param idle          idle strategy of engine task threads and of the raw ring's consumer
 * @param json          where the results go; {@code .hgrm} files are written beside it
 * @param checkpointDir under which each engine run gets a fresh checkpoint directory (deleted after)
 */
record RunnerOptions(List<Workload> workloads, long rate, int seconds, int warmupSeconds, long epochMs, IdleMode idle,
                     Path json, Path checkpointDir) {
    /** The only execution mode the engine has; micro-batch (ENGINE.md §4) is not implemented yet. */
    static final String MODE = "continuous";

    static final String USAGE = """
            usage: bench/run.sh --mode continuous --workload raw-ring|stateless|keyed-count|all --rate N --seconds S
                                [--warmup S] [--epoch-ms M] [--idle backoff|busy-spin|yield|sleep]
                                [--checkpoint-dir DIR] --json FILE
              --warmup          seconds of load before the measured window (default 10)
              --epoch-ms        continuous trigger interval (default 100)
              --idle            idle strategy of task threads and of the raw ring's consumer (default backoff)
              --checkpoint-dir  where journals go, a fresh subdirectory per run (default: the temp directory)
              --json            results: one object for one workload, an array for 'all';
                                an HdrHistogram percentile file FILE-stem.<workload>.hgrm per workload""";

    private static final Set<String> REQUIRED = Set.of("--workload", "--rate", "--seconds", "--json");
    private static final Set<String> KNOWN = Set.of("--mode", "--workload", "--rate", "--seconds", "--warmup",
            "--epoch-ms", "--idle", "--checkpoint-dir", "--json");

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
        String mode = values.getOrDefault("--mode", MODE);
        if (!mode.equals(MODE)) {
            throw new IllegalArgumentException("--mode: unsupported mode '" + mode + "'; accepted: " + MODE
                    + " (the engine has no micro-batch execution yet)");
        }
        return new RunnerOptions(
                Workload.parse(values.get("--workload")),
                positive(values, "--rate", null),
                (int) positive(values, "--seconds", null),
                (int) positive(values, "--warmup", "10"),
                positive(values, "--epoch-ms", "100"),
                idleMode(values.getOrDefault("--idle", "backoff")),
                Path.of(values.get("--json")),
                Path.of(values.getOrDefault("--checkpoint-dir", System.getProperty("java.io.tmpdir"))));
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

    private static IdleMode idleMode(String name) {
        try {
            return IdleMode.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--idle: unknown idle strategy '" + name + "'; accepted: "
                    + Arrays.stream(IdleMode.values()).map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The mode, for results. */
    String mode() {
        return MODE;
    }
}
