package io.streamline.engine.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the ways Spark users write them: Spark's interval strings ({@code "1 second"},
 * {@code "1.5 seconds"}, {@code "1 minute 30 seconds"}, {@code "interval 10 seconds"}), its configuration time
 * strings ({@code "500ms"}, {@code "2s"}, {@code "5min"}, {@code "1d"}), and ISO-8601 as {@link Duration#parse}
 * reads it ({@code "PT1.5S"}, {@code "P1DT2H"}). Units and the word {@code interval} are case-insensitive; amounts
 * may have a fraction; the result is exact to the nanosecond.
 */
public final class Durations {
    /** Shown in errors so a user sees what is accepted. */
    public static final String ACCEPTED = "e.g. '500ms', '1.5 s', '100 milliseconds', '1 second', '1 minute 30 seconds',"
            + " 'interval 10 seconds', '5min', '2h', '1d', 'PT1.5S'; units: ns, us, ms, s, m/min, h, d, w and their"
            + " names (nanosecond ... week), singular or plural";

    private static final Pattern AMOUNT_UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([a-zµ]+)");
    private static final Pattern AMOUNTS_AND_UNITS = Pattern.compile("(?:" + AMOUNT_UNIT.pattern() + "\\s*)+");
    private static final Map<String, Long> NANOS_PER_UNIT = nanosPerUnit();

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming {@code what} and the accepted forms when {@code text} is not a
     *                                  non-negative duration
     */
    public static Duration parse(String what, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(what + " must not be negative, got '" + text + "'");
        }
        if (t.startsWith("p")) {
            try {
                return nonNegative(what, text, Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw unparsable(what, text);
            }
        }
        if (t.startsWith("interval ")) {
            t = t.substring("interval ".length()).trim();
        }
        if (!AMOUNTS_AND_UNITS.matcher(t).matches()) {
            throw unparsable(what, text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = AMOUNT_UNIT.matcher(t);
        while (m.find()) {
            Long unit = NANOS_PER_UNIT.get(m.group(2));
            if (unit == null) {
                throw unparsable(what, text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " has a duration '" + text + "' that is not a whole number of"
                    + " nanoseconds or is too long", e);
        }
    }

    private static Map<String, Long> nanosPerUnit() {
        Map<String, Long> units = new HashMap<>();
        put(units, 1L, "ns", "nanosecond", "nanoseconds");
        put(units, 1_000L, "us", "µs", "microsecond", "microseconds");
        put(units, 1_000_000L, "ms", "milli", "millis", "millisecond", "milliseconds");
        put(units, 1_000_000_000L, "s", "sec", "secs", "second", "seconds");
        put(units, 60_000_000_000L, "m", "min", "mins", "minute", "minutes");
        put(units, 3_600_000_000_000L, "h", "hr", "hrs", "hour", "hours");
        put(units, 86_400_000_000_000L, "d", "day", "days");
        put(units, 604_800_000_000_000L, "w", "week", "weeks");
        return Map.copyOf(units);
    }

    private static void put(Map<String, Long> units, long nanos, String... names) {
        for (String name : names) {
            units.put(name, nanos);
        }
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
