package io.streamline.engine.runtime;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.operator.Watermarks;

import java.util.ArrayList;
import java.util.List;

/** Records what reaches the end of a chain, as text, in order. */
final class RecordingDownstream implements Downstream {
    final List<String> events = new ArrayList<>();

    @Override
    public void onRecord(Object value, RecordMeta meta) {
        events.add("record " + value + " @" + meta.sourceOffset());
    }

    /** An unboxed pair, told apart from a record: a row {@code KeyValue} would reach {@link #onRecord} instead. */
    @Override
    public void onKeyedLong(Object key, long value, RecordMeta meta) {
        events.add("keyed " + key + "=" + value + " @" + meta.sourceOffset() + " t" + meta.ingestNanos());
    }

    @Override
    public void onEpochMarker(long epoch, long watermark) {
        events.add("marker " + epoch + (Watermarks.isTime(watermark) ? " wm " + watermark : ""));
    }

    @Override
    public void onEnd() {
        events.add("end");
    }
}
