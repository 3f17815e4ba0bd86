package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.TwoInputOperator;

/**
 * Runs a {@link TwoInputOperator} at the head of a fan-in whose inputs each belong to one of its two sides
 * ({@link WatermarkMerge#addInput}). Records reach it through {@link #left()} and {@link #right()}; markers
 * through the fan-in's alignment, which makes one boundary of both inputs, with a watermark per input.
 */
public final class TwoInputNode implements AlignedMarkers {
    private final TwoInputOperator<Object, Object, Object> operator;
    private final OperatorHost host;
    private final Downstream next;
    private final WatermarkMerge merge;
    private final long[] sides = new long[2];
    private final Downstream left = new Port(true);
    private final Downstream right = new Port(false);

    /**
     * @param operator   the operator, bound to {@code host}
     * @param host       its context and output (two inputs), connected to {@code next}
     * @param next       the rest of the chain
     * @param merge      how the fan-in's inputs' watermarks combine, and which side each input is
     */
    public TwoInputNode(TwoInputOperator<Object, Object, Object> operator, OperatorHost host, Downstream next,
                        WatermarkMerge merge) {
        this.operator = operator;
        this.host = host;
        this.next = next;
        this.merge = merge;
    }

    /** Where records of the first input go. */
    public Downstream left() {
        return left;
    }

    /** Where records of the second input go. */
    public Downstream right() {
        return right;
    }

    @Override
    public void onAlignedMarker(long epoch, long[] inputWatermarks) {
        sides[0] = merge.merge(inputWatermarks, 0);
        sides[1] = merge.merge(inputWatermarks, 1);
        host.onMarker(epoch, sides);
    }

    @Override
    public void onAllEnded() {
        next.onEnd();
    }

    /** One input's records; markers and ends arrive through the alignment instead. */
    private final class Port implements Downstream {
        private final boolean first;

        Port(boolean first) {
            this.first = first;
        }

        @Override
        public void onRecord(Object value, RecordMeta meta) {
            host.beforeRecord(meta);
            if (first) {
                operator.processLeft(value, meta, host);
            } else {
                operator.processRight(value, meta, host);
            }
        }

        @Override
        public void onEpochMarker(long epoch, long watermark) {
            throw new IllegalStateException("markers reach a two-input operator through its fan-in's alignment");
        }

        @Override
        public void onEnd() {
            throw new IllegalStateException("ends reach a two-input operator through its fan-in's alignment");
        }
    }
}
