package io.streamline.bench.peers;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

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
        Map<String, String> values = OptionPairs.parse(COMMON, own, args);
        Map<String, String> extra = OptionPairs.own(values, own);
        return new PeerOptions(
                positive(values, "--rate", null),
                (int) positive(values, "--seconds", null),
                (int) positive(values, "--warmup", "10"),
                Path.of(OptionPairs.required(values, "--json", null)),
                extra);
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

    private static long positive(Map<String, String> values, String name, String fallback) {
        String text = OptionPairs.required(values, name, fallback);
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
