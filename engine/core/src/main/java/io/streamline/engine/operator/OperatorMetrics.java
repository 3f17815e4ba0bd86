package io.streamline.engine.operator;

/**
 * The per-epoch counters of a stateful operator that progress reports show, as Spark's
 * {@code StateOperatorProgress}: rows updated, removed and dropped by the watermark. Plain fields written by the
 * operator's thread; the engine takes them at each epoch marker, on the same thread, and starts again from zero.
 */
public final class OperatorMetrics {
    private long rowsUpdated;
    private long rowsRemoved;
    private long rowsDroppedByWatermark;

    /** {@code n} state rows were written (inserted or changed). */
    public void rowsUpdated(long n) {
        rowsUpdated += n;
    }

    /** {@code n} state rows were removed (evicted or deleted). */
    public void rowsRemoved(long n) {
        rowsRemoved += n;
    }

    /** {@code n} input rows (for windows: window rows) were dropped because they were at or below the watermark. */
    public void rowsDroppedByWatermark(long n) {
        rowsDroppedByWatermark += n;
    }

    /** The counts since the last call, which resets them. Called by the engine at an epoch marker. */
    public Counts take() {
        Counts counts = new Counts(rowsUpdated, rowsRemoved, rowsDroppedByWatermark);
        rowsUpdated = 0;
        rowsRemoved = 0;
        rowsDroppedByWatermark = 0;
        return counts;
    }

    /**
     * One epoch's counts.
     *
     * @param rowsUpdated            state rows written
     * @param rowsRemoved            state rows removed
     * @param rowsDroppedByWatermark input rows dropped as late
     */
    public record Counts(long rowsUpdated, long rowsRemoved, long rowsDroppedByWatermark) {
        /** No counts. */
        public static final Counts ZERO = new Counts(0, 0, 0);

        /** The sum of two epochs' or instances' counts. */
        public Counts plus(Counts other) {
            return new Counts(rowsUpdated + other.rowsUpdated, rowsRemoved + other.rowsRemoved,
                    rowsDroppedByWatermark + other.rowsDroppedByWatermark);
        }
    }
}
