package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fan-in of a pipeline that runs on one thread (micro-batch): inputs call it one after another, so there
 * is nothing to hold back; records go straight to their input's destination, and an epoch marker goes on
 * once every live input has delivered it, with every input's watermark, as {@link MarkerAligner} does with rings.
 */
public final class MarkerJoin {
    private final AlignedMarkers target;
    private final List<Downstream> recordTargets = new ArrayList<>();
    private long[] watermarks = new long[0];
    private boolean[] ended = new boolean[0];
    private int markers;
    private int ends;

    /** @param target receives the aligned markers */
    public MarkerJoin(AlignedMarkers target) {
        this.target = target;
    }

    /**
     * Registers one more input whose records go to {@code records}; call while building, before anything flows.
     *
     * @return what the input's upstream calls
     */
    public Downstream addInput(Downstream records) {
        int index = recordTargets.size();
        recordTargets.add(records);
        watermarks = Arrays.copyOf(watermarks, index + 1);
        watermarks[index] = Watermarks.NONE;
        ended = Arrays.copyOf(ended, index + 1);
        return new Downstream() {
            @Override
            public void onRecord(Object value, RecordMeta meta) {
                records.onRecord(value, meta);
            }

            @Override
            public void onKeyedLong(Object key, long value, RecordMeta meta) {
                records.onKeyedLong(key, value, meta);
            }

            @Override
            public void onEpochMarker(long epoch, long watermark) {
                watermarks[index] = watermark;
                if (++markers == recordTargets.size() - ends) {
                    markers = 0;
                    target.onAlignedMarker(epoch, watermarks);
                }
            }

            @Override
            public void onEnd() {
                ended[index] = true;
                watermarks[index] = Watermarks.IDLE;
                if (++ends == recordTargets.size()) {
                    target.onAllEnded();
                }
            }
        };
    }
}
