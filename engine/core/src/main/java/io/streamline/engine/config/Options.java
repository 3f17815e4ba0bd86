package io.streamline.engine.config;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * String options of a source or sink, keys case-insensitive as in Spark. Every getter fails with an
 * {@link IllegalArgumentException} that names the option, its owner and what is accepted.
 */
public final class Options {
    private final String owner;
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * @param owner  what the options belong to, for messages, e.g. {@code "source 'rate'"}
     * @param values the raw options
     */
    public Options(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values.putAll(values);
    }

    /** The raw options. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Fails if any option is not among {@code accepted}, listing the accepted ones. */
    public void requireOnly(Set<String> accepted) {
        Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        known.addAll(accepted);
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown option '" + key + "' for " + owner + "; accepted options: "
                        + String.join(", ", new TreeSet<>(accepted)));
            }
        }
    }

    /** The option's value, or {@code fallback} if absent. */
    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The option's value; fails if absent. */
    public String required(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Option '" + key + "' is required for " + owner);
        }
        return v;
    }

    /** A positive whole number, or {@code fallback} if absent. */
    public long positiveLong(String key, long fallback) {
        long v = longValue(key, fallback, "a positive whole number");
        if (v <= 0) {
            throw new IllegalArgumentException("Option '" + key + "' of " + owner + " must be a positive whole number, got '" + values.get(key) + "'");
        }
        return v;
    }

    /** A whole number {@code >= 0}, or {@code fallback} if absent. */
    public long nonNegativeLong(String key, long fallback) {
        long v = longValue(key, fallback, "a whole number >= 0");
        if (v < 0) {
            throw new IllegalArgumentException("Option '" + key + "' of " + owner + " must be a whole number >= 0, got '" + values.get(key) + "'");
        }
        return v;
    }

    /** {@code true} or {@code false}, or {@code fallback} if absent. */
    public boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("Option '" + key + "' of " + owner + " must be true or false, got '" + v + "'");
    }

    /** A duration ({@link Durations}), or {@code fallback} if absent. */
    public Duration duration(String key, Duration fallback) {
        String v = values.get(key);
        return v == null ? fallback : Durations.parse("Option '" + key + "' of " + owner, v);
    }

    private long longValue(String key, long fallback, String expected) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option '" + key + "' of " + owner + " must be " + expected + ", got '" + v + "'");
        }
    }
}
