package io.streamline.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} command-line options of the examples, with clear errors. */
final class ExampleArgs {
    private final Map<String, String> values = new HashMap<>();

    ExampleArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
