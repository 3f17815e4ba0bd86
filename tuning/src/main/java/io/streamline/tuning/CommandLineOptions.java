package io.streamline.tuning;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} options of the project's commands (the tuner, the examples), with clear errors: a
 * misspelt option fails naming the accepted ones instead of being ignored, so a run never silently uses a
 * default the user meant to override.
 */
public final class CommandLineOptions {
    private final Map<String, String> values = new HashMap<>();

    /**
     * Parses {@code --name value} pairs.
     *
     * @param args     the command's arguments
     * @param accepted the option names the command reads, without {@code --}
     * @throws IllegalArgumentException naming the first argument that is not a pair of an accepted option
     */
    public CommandLineOptions(String[] args, Set<String> accepted) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!accepted.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; accepted: --"
                        + String.join(", --", new TreeSet<>(accepted)));
            }
            values.put(name, args[++i]);
        }
    }

    /**
     * For a command's {@code main}: the parsed options, or the usage printed and the JVM ended, with status 0
     * after {@code --help} and 2 after arguments that do not parse.
     *
     * @param usage    the usage text, e.g. {@code usage: tuning/tune.sh [--rate N] [--out FILE]}
     * @param accepted the option names the command reads, without {@code --}
     */
    public static CommandLineOptions parseOrExit(String[] args, String usage, String... accepted) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(usage);
            System.exit(0);
        }
        try {
            return new CommandLineOptions(args, Set.of(accepted));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e; // not reached
        }
    }

    /** The whole number given for {@code --name}, or {@code fallback}. */
    public long longValue(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** The text given for {@code --name}, if any. */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
