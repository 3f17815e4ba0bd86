package io.streamline.bench.peers;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** A runner's command line of {@code --name value} pairs, checked against the names it accepts. */
final class OptionPairs {
    private OptionPairs() {
    }

    /**
     * The values given, by name.
     *
     * @param common the names every runner of a kind accepts
     * @param own    the runner's own names (their defaults are applied by {@link #own})
     * @throws IllegalArgumentException naming an unknown option, with the accepted ones, or one without a value
     */
    static Map<String, String> parse(Set<String> common, Map<String, String> own, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!common.contains(args[i]) && !own.containsKey(args[i])) {
                Set<String> known = new TreeSet<>(common);
                known.addAll(own.keySet());
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; accepted: " + String.join(" ", known));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[i + 1]);
        }
        return values;
    }

    /** The runner's own options: each given value, else its default; one without either fails. */
    static Map<String, String> own(Map<String, String> values, Map<String, String> own) {
        Map<String, String> extra = new HashMap<>();
        own.forEach((name, fallback) -> extra.put(name, required(values, name, fallback)));
        return Map.copyOf(extra);
    }

    /** What {@code parse} returns; a bad option ends the process with 2, the problem and {@code usage} on stderr. */
    static <T> T orExit(String usage, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException badOption) {
            System.err.println("error: " + badOption.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw badOption; // not reached: exit does not return
        }
    }

    /** The value of {@code name}, else {@code fallback}; both missing (a null fallback) is an error. */
    static String required(Map<String, String> values, String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
