package io.streamline.engine.source;

import java.io.Serializable;

/**
 * A row of the {@code rate} source, as in Spark: {@code timestamp} is the wall-clock time (epoch
 * milliseconds) at which the row was scheduled, {@code value} counts up from 0 across all partitions. Serializable, so
 * operators that buffer whole rows (joins, arbitrary state) can checkpoint them.
 */
public record RateRow(long timestamp, long value) implements Serializable {
}
