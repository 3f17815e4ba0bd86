package io.streamline.bench.peers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line shared by the peer runners, checked before anything starts: {@code --rate N --seconds S
 * [--warmup S] --json FILE}, plus the options a runner declares for its own configuration.
 *
 * @param rate          records per second offered by the generator
 * @param seconds       length of the measured window
 * @param warmupSeconds load before the window, excluded from the figures
 * @param json          where the result goes; the {@code .hgrm} file is written beside it
 * @param extra         the runner's own options, by name (with the leading dashes)
 */
public record PeerOptions(long rate, int seconds, int warmupSeconds, Path json, Map<String, String> extra) {
    private static final Set<String> COMMON = Set.of("--rate", "--seconds", "--warmup", "--json");

    /**
     * Parses {@code --name value} pairs.
     *
     * @param own the runner's own option names, each with its default (null: required)
     * @throws IllegalArgumentException naming the option at fault
     */
    public static PeerOptions parse(Map<String, String> own, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!COMMON.contains(args[i]) && !own.containsKey(args[i])) {
                Set<String> known = new TreeSet<>(COMMON);
                known.addAll(own.keySet());
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; accepted: " + String.join(" ", known));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        Map<String, String> extra = new HashMap<>();
        own.forEach((name, fallback) -> extra.put(name, required(values, name, fallback)));
        return new PeerOptions(
                positive(values, "--rate", null),
                (int) positive(values, "--seconds", null),
                (int) positive(values, "--warmup", "10"),
                Path.of(required(values, "--json", null)),
                Map.copyOf(extra));
    }

    /** The value of one of the runner's own options. */
    public String option(String name) {
        String value = extra.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not an option of this runner: " + name);
        }
        return value;
    }

    /** A runner option that must be a non-negative integer. */
    public long longOption(String name) {
        String text = option(name);
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted form
        }
        throw new IllegalArgumentException(name + ": expected a non-negative integer, got '" + text + "'");
    }

    private static String required(Map<String, String> values, String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static long positive(Map<String, String> values, String name, String fallback) {
        String text = required(values, name, fallback);
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
}
