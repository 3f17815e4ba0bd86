package io.streamline.engine.source;

import java.util.Locale;

/**
 * What a file source does with a line it cannot parse (option {@code mode}, as Spark's readers). Nothing is
 * ever lost without a trace: a malformed line stops the query, or is counted and reported, or is kept.
 */
public enum ParseMode {
    /** Keep the line as a row whose {@code _corrupt_record} field holds the raw text (the default, as in Spark). */
    PERMISSIVE,
    /** Drop the line, count it ({@link FileSource#malformedRecords()}) and log a warning naming file and line. */
    DROPMALFORMED,
    /** Stop the query with an error naming the file, the line number and what is wrong with it. */
    FAILFAST;

    /** Parses the option's value, failing with the accepted values. */
    static ParseMode of(String owner, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option 'mode' of " + owner + " must be PERMISSIVE, DROPMALFORMED or FAILFAST, got '"
                    + value + "'");
        }
    }
}
