package io.streamline.engine;

import java.util.Locale;

/** How a query's results reach its sink, as in Spark Structured Streaming. */
public enum OutputMode {
    /** Only new rows; the default, and the only mode without aggregations. */
    APPEND,
    /**
     * Rows of the result table that changed. In continuous mode every change is emitted as it happens (a key's
     * count as 3, then 4, within one epoch): the per-change stream continuous processing is for. In micro-batch
     * mode each changed row is emitted once per batch, with its value at the batch's end, as in Spark. The
     * {@code console} sink shows the latest row per key per epoch in both modes unless {@code showEveryChange}.
     */
    UPDATE,
    /** The whole result table at the end of every epoch. */
    COMPLETE;

    /** Parses {@code "append"}, {@code "update"} or {@code "complete"}, case-insensitively. */
    public static OutputMode fromString(String mode) {
        try {
            return valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown output mode '" + mode + "'; accepted: append, update, complete");
        }
    }
}
