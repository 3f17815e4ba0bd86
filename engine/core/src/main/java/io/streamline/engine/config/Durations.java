package io.streamline.engine.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Spark users write them: {@code "100 ms"}, {@code "1 second"}, {@code "2s"}, {@code "PT1S"}. */
public final class Durations {
    /** Shown in errors so a user sees what is accepted. */
    public static final String ACCEPTED = "e.g. '500ms', '100 milliseconds', '1 second', '2s', '1 minute', 'PT1S'";

    private static final Pattern AMOUNT_UNIT = Pattern.compile("(\\d+)\\s*([a-z]+)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming {@code what} and the accepted forms when {@code text} is not a
     *                                  non-negative duration
     */
    public static Duration parse(String what, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                return nonNegative(what, text, Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw unparsable(what, text);
            }
        }
        Matcher m = AMOUNT_UNIT.matcher(t);
        if (!m.matches()) {
            throw unparsable(what, text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ns", "nanosecond", "nanoseconds" -> Duration.ofNanos(amount);
            case "us", "microsecond", "microseconds" -> Duration.ofNanos(amount * 1000);
            case "ms", "milli", "millis", "millisecond", "milliseconds" -> Duration.ofMillis(amount);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
            case "h", "hour", "hours" -> Duration.ofHours(amount);
            default -> throw unparsable(what, text);
        };
    }

    private static Duration nonNegative(String what, String text, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got '" + text + "'");
        }
        return d;
    }

    private static IllegalArgumentException unparsable(String what, String text) {
        return new IllegalArgumentException(what + " has an unparsable duration '" + text + "'; expected a duration, " + ACCEPTED);
    }
}
