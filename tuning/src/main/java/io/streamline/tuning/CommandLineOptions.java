package io.streamline.tuning;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} options of the project's commands (the tuner, the examples), with clear errors. */
public final class CommandLineOptions {
    private final Map<String, String> values = new HashMap<>();

    /** Parses {@code --name value} pairs; fails naming the first argument that is not one. */
    public CommandLineOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
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
