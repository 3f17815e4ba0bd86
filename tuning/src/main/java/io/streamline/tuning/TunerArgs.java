package io.streamline.tuning;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of the tune command, with clear errors. */
final class TunerArgs {
    private final Map<String, String> values = new HashMap<>();

    TunerArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs (--rate, --seconds, --warmup, --out), got '" + args[i] + "'");
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

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
